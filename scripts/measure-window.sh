#!/usr/bin/env bash
# Measures the window as issue 3 asks: launch to the title screen, peak memory, idle CPU.
# Needs Xvfb and Mesa's software Vulkan (apt-get install xvfb mesa-vulkan-drivers libvulkan1).
# Usage: scripts/measure-window.sh [BINARY]   (default: a release build in $CARGO_TARGET_DIR or target/)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/release/tsunagu}
home=$(mktemp -d)
export TSUNAGU_HOME=$home WGPU_BACKEND=vulkan DISPLAY=:77
Xvfb :77 -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
sleep 1

echo "launch to title drawn (5 runs):"
for _ in 1 2 3 4 5; do
  TSUNAGU_TIMINGS=1 "$bin" --exit-after-frames 10 2>&1 | grep "title screen drawn" || true
done

echo "peak RSS, a scripted play of first-meeting to its results:"
/usr/bin/time -v "$bin" --play scenarios/first-meeting.ron \
  --autoplay greet_her,note_demand,ask_likes,ask_day,ask_why_out,plan_now,options,ask_consent,raise,1 \
  --results --exit-after-frames 120 2>&1 | grep -E "Maximum resident"

echo "idle CPU on the play screen (desktop mode), 20 s:"
"$bin" --play scenarios/home-or-facility.ron --autoplay 1,1,1 >/dev/null 2>&1 &
game=$!
sleep 12
t0=$(awk '{print $14+$15}' "/proc/$game/stat"); s0=$(date +%s.%N)
sleep 20
t1=$(awk '{print $14+$15}' "/proc/$game/stat"); s1=$(date +%s.%N)
python3 -c "print('  %.2f %% of one core' % (($t1-$t0)/$(getconf CLK_TCK)*100/($s1-$s0)))"
grep VmHWM "/proc/$game/status"
kill $game
