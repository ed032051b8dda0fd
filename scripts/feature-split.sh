#!/usr/bin/env bash
# Fails when the dev-dependencies turn on a feature of a crate that the game also builds:
# `cargo test --release` would then build Bevy's dependents again after `cargo run --release`.
# The fix is to turn the same feature on in Cargo.toml's [dependencies] (see the comment there).
set -euo pipefail
cd "$(dirname "$0")/.."
features() { cargo tree --quiet -e "$1" -f "{p} {f}" --prefix none | grep -v '(\*)$' | sort -u; }
game=$(features normal,build)
tests=$(features normal,build,dev)
# A crate in both sets whose features differ: lines of the game's set that the tests' lacks.
split=$(comm -23 <(echo "$game") <(echo "$tests"))
if [ -n "$split" ]; then
  echo "The dev-dependencies change the features of crates the game builds:"
  while read -r crate version _; do
    echo "  game:  $(grep -F "$crate $version " <<<"$game")"
    echo "  tests: $(grep -F "$crate $version " <<<"$tests")"
  done <<<"$split"
  exit 1
fi
echo "No crate is built with other features for the tests."
