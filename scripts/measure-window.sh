#!/usr/bin/env bash
# Measures the window as issue 3 asks: launch to the title screen, peak memory, idle CPU.
# Needs Xvfb, Mesa's software Vulkan and python3 (apt-get install xvfb mesa-vulkan-drivers
# libvulkan1 python3).
# Usage: scripts/measure-window.sh [BINARY]   (default: a release build in $CARGO_TARGET_DIR or target/)
# The game's own launch report needs the `dev` feature: cargo build --release --features dev
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/release/tsunagu}
home=$(mktemp -d)
fb=$(mktemp -d)
export TSUNAGU_HOME=$home WGPU_BACKEND=vulkan DISPLAY=:77
# -fbdir: the X server's screen is a file we can watch.
Xvfb :77 -screen 0 1280x720x24 -fbdir "$fb" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$home" "$fb"' EXIT
sleep 1

# Two clocks: the game's own report (TSUNAGU_TIMINGS=1: the end of the first frame
# presented with the title fully drawn, from the start of `run`), and the X server's screen
# watched from outside, from the moment the process is started, until it first shows the
# title as it stands when the game quits (95 % of its rows: the button under the pointer is
# highlighted a frame later).
echo "launch to title drawn (5 runs):"
for _ in 1 2 3 4 5; do
  python3 - "$fb/Xvfb_screen0" "$bin" --exit-after-frames 10 <<'EOF'
import mmap, os, subprocess, sys, time
W, H = 1280, 720
screen = open(sys.argv[1], 'rb')
fb = mmap.mmap(screen.fileno(), 0, access=mmap.ACCESS_READ)
start = len(fb) - W * H * 4
rows = lambda b: [b[i * W * 4:(i + 1) * W * 4] for i in range(H)]
probe = lambda: fb[start:start + W * H * 4:4093]  # a cheap look, to notice changes
env = dict(os.environ, TSUNAGU_TIMINGS='1')
t0 = time.perf_counter()
game = subprocess.Popen(sys.argv[2:], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
seen, last = [], None
while game.poll() is None:
    look = probe()
    if look != last:
        seen.append(((time.perf_counter() - t0) * 1e3, fb[start:start + W * H * 4]))
        last = look
    time.sleep(0.002)
report = [l for l in game.stderr.read().decode(errors='replace').splitlines() if 'drawn' in l]
print('  ' + (report[0].replace('tsunagu: ', 'game: ') if report else 'game: no report'), end='')
# The window's last picture: the last one before the screen went back to black.
pictures = [(t, b) for t, b in seen if b.count(0) < len(b) * 0.9]
if not pictures:
    print('; X server: the title never showed')
    sys.exit()
final = rows(pictures[-1][1])
for t, b in pictures:
    if sum(a == c for a, c in zip(rows(b), final)) >= 0.95 * H:
        print(f'; X server: title on screen {t:.0f} ms after the process started')
        break
EOF
done

echo "peak RSS, a scripted play of first-meeting to its results:"
/usr/bin/time -v "$bin" --play scenarios/first-meeting.ron \
  --autoplay greet_her,note_demand,ask_likes,ask_day,ask_why_out,plan_now,options,ask_consent,raise,report_council,with_tanaka \
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

# CPU of a running game over `secs`, in % of one core.
cpu() {
  local pid=$1 secs=$2 t0 t1 s0 s1
  t0=$(awk '{print $14+$15}' "/proc/$pid/stat"); s0=$(date +%s.%N)
  sleep "$secs"
  t1=$(awk '{print $14+$15}' "/proc/$pid/stat"); s1=$(date +%s.%N)
  python3 -c "print('%.2f %% of one core' % (($t1-$t0)/$(getconf CLK_TCK)*100/($s1-$s0)))"
}

# The title's motif draws a tie every 5 s for 30 s after the title shows, then is still.
for motion in on off; do
  if [ $motion = off ]; then
    printf '(lang: Ja, reduced_motion: true)\n' >"$home/settings.ron"
  fi
  echo "CPU on the title, motion $motion:"
  "$bin" >/dev/null 2>&1 &
  game=$!
  sleep 2.5
  echo "  while the motif draws (2.5–32.5 s): $(cpu $game 30)"
  sleep 5
  echo "  once still (37.5–57.5 s): $(cpu $game 20)"
  kill $game
  wait $game 2>/dev/null || true
done

