#!/usr/bin/env bash
# The speed benchmark of issue 14: five measures, each as herald's figure next to a reference
# taken in the same run on the same machine, printed as one table.
#
#   bench/send-benchmark.sh [--rows a,b,c,d,e] [--runs N] [--quick]
#
#   a  20,000 messages over 4 connections to Postfix's smtp-sink on loopback: herald's rate
#      (through bin/herald) ÷ that of `smtp-source -s 4 -d`, the fastest possible sender (it
#      renders nothing), against the same sink
#   b  5,000 messages at default settings: herald's rate ÷ mailmerge's
#   c  300 messages at default settings to the same sink behind a relay 30 ms away (round trip;
#      bench/LatencyProxy.java): herald's rate ÷ mailmerge's
#   d  `herald --help` wall time (through bin/herald) ÷ a plain picocli hello-world's `--help`,
#      both jars on the same JVM with the same options; median of 10 runs each; and a second line
#      jar for jar: `java -jar target/herald.jar --help` with the hello-world's options, without
#      the launcher and its class-data archive
#   e  peak resident memory of `send --dry-run --format json` of 1,000,000 contacts
#
# --runs N: median of N runs for a, b and c (default 3). --quick: small sizes for a quick try
# (a 2,000, b 500, c 30, d 3 runs, e 50,000 contacts; runs 1).
# mailmerge (rows b and c) is run by the command that HERALD_BENCH_MAILMERGE names (given
# mailmerge's options); without it those rows are left out. Every row sends to a fresh journal, so
# every message is due. Needs Java 17, Maven, python3, bc and Postfix's smtp-sink and smtp-source
# (Debian package postfix; installed with apt-get when missing). Benchmarks are not tests: run
# this on a quiet machine; figures vary by 10-15% on a shared one.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh

ROWS="a,b,c,d,e"
RUNS=3
A_N=20000 A_C=4 B_N=5000 C_N=300 D_RUNS=10 E_N=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --rows=*) ROWS="${1#--rows=}"; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --runs=*) RUNS="${1#--runs=}"; shift ;;
    --quick) A_N=2000 B_N=500 C_N=30 D_RUNS=3 E_N=50000 RUNS=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "send-benchmark: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case ",$ROWS," in *[!abcde,]*) echo "send-benchmark: --rows takes letters a to e, e.g. a,d" >&2; exit 2 ;; esac
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "send-benchmark: --runs takes a positive number" >&2; exit 2; }
row() { case ",$ROWS," in *",$1,"*) return 0 ;; esac; return 1; }

PORT="${BENCH_PORT:-25251}"
PROXY_PORT=$((PORT + 1))
bench_need_postfix
[ -f target/herald.jar ] || mvn -B -q package -DskipTests
LAUNCHER="$PWD/bin/herald"
MAILMERGE="${HERALD_BENCH_MAILMERGE:-}"

WORK="$(mktemp -d)"
SINK_PID="" PROXY_PID=""
cleanup() {
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
bench_start_sink "$PORT"

RESULTS=()
# result MEASURE HERALD REFERENCE RATIO TARGET: one line of the final table.
result() { RESULTS+=("$(printf '| %s | %s | %s | %s | %s |' "$@")"); }
skip() { RESULTS+=("$(printf '| %s | left out: %s | | | |' "$1" "$2")"); echo "row left out: $2" >&2; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
calc() { echo "$1" | bc -l; }
fmt() { printf "%.${2:-2}f" "$1"; }

# herald_send DIR PORT [send options]: one timed run of herald (through bin/herald) in DIR, the
# whole process (JVM start, validation, rendering, sending, journal) against a fresh journal.
# Sets SECS; fails unless every contact was sent.
herald_send() {
  local dir=$1 port=$2 want start end sent
  shift 2
  want=$(($(wc -l < "$dir/contacts/media.csv") - 1))
  rm -rf "$dir/logs" "$dir/.herald"
  start=$(bench_now)
  (cd "$dir" && "$LAUNCHER" send templates/release.md --smtp-host 127.0.0.1 --smtp-port "$port" \
    --smtp-security none --yes --format json "$@" > send.json 2> send.err) || {
    cat "$dir/send.err" >&2; return 1; }
  end=$(bench_now)
  sent=$(grep '"sent"' "$dir/send.json" | head -1 | tr -dc 0-9)
  [ "$sent" = "$want" ] || { echo "herald sent $sent of $want" >&2; return 1; }
  SECS=$(calc "$end - $start")
}

# mailmerge_send DIR PORT: one timed mailmerge run over DIR's copy of the list, one connection
# per message as mailmerge does. Sets SECS.
mailmerge_send() {
  local dir=$1 start end
  bench_mailmerge_conf "$dir" "$2"
  start=$(bench_now)
  (cd "$dir" && "$MAILMERGE" --no-dry-run --no-limit --template mailmerge_template.txt \
    --database mailmerge_database.csv --config mailmerge_server.conf > mailmerge.out 2>&1) || {
    tail -5 "$dir/mailmerge.out" >&2; return 1; }
  end=$(bench_now)
  SECS=$(calc "$end - $start")
}

# versus_mailmerge MEASURE DIR N PORT TARGET: herald's rate ÷ mailmerge's over the same list.
versus_mailmerge() {
  local measure=$1 dir=$2 n=$3 port=$4 target=$5 h=() m=() i hs ms
  if [ -z "$MAILMERGE" ]; then
    skip "$measure" "HERALD_BENCH_MAILMERGE is not set (the command that runs mailmerge)"
    return
  fi
  for i in $(seq "$RUNS"); do
    herald_send "$dir" "$port"; h+=("$SECS")
    mailmerge_send "$dir" "$port"; m+=("$SECS")
    echo "  run $i: herald $(fmt "${h[-1]}")s, mailmerge $(fmt "${m[-1]}")s" >&2
  done
  hs=$(echo "${h[*]}" | median); ms=$(echo "${m[*]}" | median)
  result "$measure" "$(fmt "$(calc "$n / $hs")" 1) msg/s ($(fmt "$hs") s)" \
    "mailmerge $(fmt "$(calc "$n / $ms")" 1) msg/s ($(fmt "$ms") s)" \
    "$(fmt "$(calc "$ms / $hs")" 1)×" "$target"
}

if row a; then
  echo "a: $A_N messages, $A_C connections, herald vs smtp-source…" >&2
  bench_folder "$WORK/a" "$A_N"
  h=() s=()
  for i in $(seq "$RUNS"); do
    herald_send "$WORK/a" "$PORT" --connections "$A_C"; h+=("$SECS")
    start=$(bench_now)
    smtp-source -s "$A_C" -d -m "$A_N" -l 6000 127.0.0.1:"$PORT"
    end=$(bench_now); s+=("$(calc "$end - $start")")
    echo "  run $i: herald $(fmt "${h[-1]}")s, smtp-source $(fmt "${s[-1]}")s" >&2
  done
  hs=$(echo "${h[*]}" | median); ss=$(echo "${s[*]}" | median)
  result "$A_N msgs, $A_C connections, herald ÷ smtp-source" \
    "$(fmt "$(calc "$A_N / $hs")" 0) msg/s ($(fmt "$hs") s)" \
    "smtp-source $(fmt "$(calc "$A_N / $ss")" 0) msg/s ($(fmt "$ss") s)" \
    "$(fmt "$(calc "$ss / $hs")")" "≥ 0.4"
fi

if row b; then
  echo "b: $B_N messages at defaults, herald vs mailmerge…" >&2
  bench_folder "$WORK/b" "$B_N"
  versus_mailmerge "$B_N msgs at defaults, herald ÷ mailmerge" "$WORK/b" "$B_N" "$PORT" "≥ 3×"
fi

if row c; then
  echo "c: $C_N messages at defaults through a relay 30 ms away, herald vs mailmerge…" >&2
  bench_folder "$WORK/c" "$C_N"
  java bench/LatencyProxy.java "$PROXY_PORT" "$PORT" 15 > "$WORK/proxy.out" &
  PROXY_PID=$!
  bench_wait_port "$PROXY_PORT"
  versus_mailmerge "relay 30 ms round trip, $C_N msgs at defaults, herald ÷ mailmerge" \
    "$WORK/c" "$C_N" "$PROXY_PORT" "≥ 15×"
  kill "$PROXY_PID" 2>/dev/null || true
  PROXY_PID=""
fi

if row d; then
  echo "d: --help, herald vs a picocli hello-world, $D_RUNS runs each…" >&2
  pico=$(ls ~/.m2/repository/info/picocli/picocli/*/picocli-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1)
  want=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' pom.xml)
  [ -f ~/.m2/repository/info/picocli/picocli/"$want"/picocli-"$want".jar ] && \
    pico=~/.m2/repository/info/picocli/picocli/"$want"/picocli-"$want".jar
  mkdir -p "$WORK/hello/src" "$WORK/hello/classes"
  cat > "$WORK/hello/src/Hello.java" <<'JAVA'
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 1.0",
    description = "Says hello.")
public class Hello implements Callable<Integer> {
  @Option(names = {"-n", "--name"}, description = "Whom to greet.") String name = "world";
  @Parameters(arity = "0..*", description = "Words to add.") String[] words = {};
  public Integer call() { System.out.println("Hello, " + name + "!"); return 0; }
  public static void main(String[] args) { System.exit(new CommandLine(new Hello()).execute(args)); }
}
JAVA
  javac -d "$WORK/hello/classes" -cp "$pico" "$WORK/hello/src/Hello.java"
  (cd "$WORK/hello/classes" && unzip -q -o "$pico" 'picocli/*' && \
    printf 'Main-Class: Hello\n' > ../manifest && jar cfm ../hello.jar ../manifest .)
  h=() j=() p=()
  for i in $(seq "$D_RUNS"); do
    start=$(bench_now); "$LAUNCHER" --help > /dev/null; end=$(bench_now); h+=("$(calc "$end - $start")")
    start=$(bench_now)
    java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -jar target/herald.jar --help > /dev/null
    end=$(bench_now); j+=("$(calc "$end - $start")")
    start=$(bench_now)
    java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -jar "$WORK/hello/hello.jar" --help > /dev/null
    end=$(bench_now); p+=("$(calc "$end - $start")")
  done
  hs=$(echo "${h[*]}" | median); js=$(echo "${j[*]}" | median); ps=$(echo "${p[*]}" | median)
  result "\`herald --help\` ÷ picocli hello-world \`--help\` (median of $D_RUNS)" \
    "$(fmt "$(calc "$hs * 1000")" 0) ms" "hello-world $(fmt "$(calc "$ps * 1000")" 0) ms" \
    "$(fmt "$(calc "$hs / $ps")")×" "≤ 1.0×"
  # the same, jar for jar: herald's jar run as the hello-world is (no launcher, no archive)
  result "\`java -jar herald.jar --help\` ÷ the same (both jars, no archive)" \
    "$(fmt "$(calc "$js * 1000")" 0) ms" "hello-world $(fmt "$(calc "$ps * 1000")" 0) ms" \
    "$(fmt "$(calc "$js / $ps")")×" "≤ 1.0×"
fi

if row e; then
  echo "e: send --dry-run --format json of $E_N contacts, peak RSS…" >&2
  bench_folder "$WORK/e" "$E_N"
  rm -f "$WORK/e/mailmerge_database.csv"
  (cd "$WORK/e" && /usr/bin/time -v "$LAUNCHER" send templates/release.md --dry-run --format json \
    > /dev/null 2> dry.err) || { tail -30 "$WORK/e/dry.err" >&2; exit 1; }
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$WORK/e/dry.err")
  secs=$(sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): *//p" "$WORK/e/dry.err")
  result "\`send --dry-run --format json\`, $E_N contacts" "$(fmt "$(calc "$kb / 1024")" 0) MB peak RSS ($secs)" \
    "" "$(fmt "$(calc "$kb / 1024 / 256")")× the target" "≤ 256 MB"
fi

echo
echo "$(nproc) CPUs, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d), median of $RUNS run(s) for a-c"
echo "| measure | herald | reference | ratio | target |"
echo "|---|---|---|---|---|"
printf '%s\n' "${RESULTS[@]}"
