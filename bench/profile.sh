#!/usr/bin/env bash
# Profiles a send with Java Flight Recorder: herald (through bin/herald) sends MESSAGES generated
# messages over CONNECTIONS connections to Postfix's smtp-sink on loopback, as
# bench/send-benchmark.sh does, and prints the hottest frames from JFR's execution samples.
#
#   bench/profile.sh [MESSAGES] [CONNECTIONS] [TOP]      (defaults: 20000 4 25)
#
# "self" counts the samples whose top frame is that method (the CPU it spends itself); "total"
# counts the samples that have it anywhere on the stack (itself and what it calls). Then the
# same by herald package (self), and by thread. BENCH_KEEP=1 keeps the recording (herald.jfr)
# for `jfr print` or JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
N="${1:-20000}"
C="${2:-4}"
TOP="${3:-25}"
PORT="${BENCH_PORT:-25252}"

bench_need_postfix
[ -f target/herald.jar ] || mvn -B -q package -DskipTests

WORK="$(mktemp -d)"
SINK_PID=""
cleanup() {
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

bench_start_sink "$PORT"
bench_folder "$WORK" "$N"

# profile.jfc samples Java code every 10 ms per thread; 1 ms gives a 20k run enough samples.
jfr_opts="-XX:StartFlightRecording=filename=$WORK/herald.jfr,settings=profile,jdk.ExecutionSample#period=1ms"
(cd "$WORK" && HERALD_JAVA_OPTS="$jfr_opts ${HERALD_JAVA_OPTS:-}" "$OLDPWD/bin/herald" send \
  templates/release.md --smtp-host 127.0.0.1 --smtp-port "$PORT" --smtp-security none \
  --connections "$C" --yes --format json > send.json 2> send.err) || {
  cat "$WORK/send.err" >&2
  exit 1
}
grep '"sent"' "$WORK/send.json" | tr -d ' ,' | sed 's/^/herald: /'

jfr print --stack-depth 256 --events jdk.ExecutionSample "$WORK/herald.jfr" > "$WORK/samples.txt"
python3 - "$WORK/samples.txt" "$TOP" <<'PY'
import re, sys
from collections import Counter
path, top = sys.argv[1], int(sys.argv[2])
self_c, total_c, pkg_c, thread_c, path_c = Counter(), Counter(), Counter(), Counter(), Counter()
samples = 0
frame_re = re.compile(r"^\s+([\w$.<>/]+)\(")
thread_re = re.compile(r'sampledThread = "([^"]*)"')
def flush(thread, frames):
    global samples
    if not frames:
        return
    samples += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        total_c[f] += 1
    pkg = next((f for f in frames if f.startswith("dev.herald.")), None)
    pkg_c[".".join(pkg.split(".")[:3]) if pkg else "(no herald frame)"] += 1
    # where library and JDK time is spent on herald's behalf: the top frame and herald's caller
    path_c[frames[0] if frames[0] == pkg or not pkg else f"{frames[0]}  <-  {pkg}"] += 1
    # pool threads are numbered: count them together
    thread_c[re.sub(r"[-# ]?\d+$", "-N", thread)] += 1
thread, frames, in_stack = "", [], False
for line in open(path, encoding="utf-8"):
    if line.startswith("jdk.ExecutionSample"):
        flush(thread, frames)
        thread, frames, in_stack = "", [], False
    m = thread_re.search(line)
    if m:
        thread = m.group(1)
    if "stackTrace = [" in line:
        in_stack = True
        continue
    if in_stack:
        m = frame_re.match(line)
        if m:
            frames.append(m.group(1))
        elif line.strip().startswith("]"):
            in_stack = False
flush(thread, frames)
if not samples:
    sys.exit("no execution samples in the recording")
def table(title, counter, n):
    print(f"\n{title}")
    for name, count in counter.most_common(n):
        print(f"{100.0 * count / samples:6.1f}%  {name}")
print(f"{samples} execution samples (Java code only: time blocked in the kernel, e.g. fsync, is not sampled)")
table("top frames, self", self_c, top)
table("top frames, total (self and callees)", total_c, top)
table("self, with the innermost herald frame that led to it", path_c, top)
table("first herald package on the stack, by samples", pkg_c, 15)
table("threads", thread_c, 15)
PY
