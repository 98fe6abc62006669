#!/usr/bin/env bash
# Send benchmark: herald against Postfix's smtp-sink on loopback, next to smtp-source, the
# fastest possible loopback sender (it renders nothing), against the same sink.
#
#   bench/send-benchmark.sh [MESSAGES] [CONNECTIONS]      (defaults: 20000 4)
#
# Needs Java 17, Maven and Postfix's smtp-sink/smtp-source (Debian package postfix; installed
# with apt-get when missing). Prints both whole-process rates and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
C="${2:-4}"
PORT="${BENCH_PORT:-25251}"

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  if [ -x /usr/sbin/smtp-sink ]; then
    export PATH="$PATH:/usr/sbin"
  else
    echo "installing postfix (for smtp-sink and smtp-source)..." >&2
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null
    export PATH="$PATH:/usr/sbin"
  fi
fi

[ -f target/herald.jar ] || mvn -B -q package -DskipTests

WORK="$(mktemp -d)"
SINK_PID=""
cleanup() {
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -n "${BENCH_KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

# smtp-sink: accept everything, discard it; 512 = listen backlog.
user_opt=()
[ "$(id -u)" -eq 0 ] && user_opt=(-u nobody)
smtp-sink "${user_opt[@]}" 127.0.0.1:"$PORT" 512 &
SINK_PID=$!
sleep 0.5

# A working folder with N contacts and a release of about 6 KB once rendered.
mkdir -p "$WORK/contacts" "$WORK/templates"
python3 - "$WORK" "$N" <<'PY'
import sys, random
work, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
first = ["Łukasz", "Zofia", "Jérôme", "Giulia", "Günther", "Chloé", "Niccolò", "Agnieszka", "Wouter", "Małgorzata"]
last = ["Wróbel", "Kowalczyk", "Dupont", "Rossi", "Müller", "Lambert", "Bernardini", "Żółkiewska", "De Smet", "Szczęśniak"]
outlets = ["Kurier Podlaski", "Le Soir Numérique", "Corriere dell'Innovazione", "Technik & Region", "EU Regions Weekly"]
with open(f"{work}/contacts/media.csv", "w", encoding="utf-8") as f:
    f.write("email,first_name,last_name,salutation,outlet,language\n")
    for i in range(n):
        fn, ln = random.choice(first), random.choice(last)
        lang = random.choice(["en", "pl", "fr", "de", "it"])
        f.write(f'journalist{i}@newsroom{i % 97}.example,{fn},{ln},Dear {fn} {ln},"{random.choice(outlets)}",{lang}\n')
para = ("Podlaskie Voivodeship hosted the fifth Next2Met policy learning event, presenting e-health, "
        "e-services in rural communes, the InfoTech cluster in Białystok and Holo4Med, a mixed-reality "
        "project for medical training. ")
body = "\n\n".join(para * 3 for _ in range(3))
with open(f"{work}/templates/release.md", "w", encoding="utf-8") as f:
    f.write("Subject: Fostering digitalisation in the Podlaskie Region – for {{outlet}}\n")
    f.write("From: Next2Met Press Office <press@next2met.example>\n")
    f.write("Campaign: bench\n\n")
    f.write("{{salutation}},\n\nWe thought this might interest readers of **{{outlet}}**.\n\n")
    f.write(body)
    f.write("\n\nTo request an interview, [write to us]({{interview_link}}).\n")
PY

JAR="$PWD/target/herald.jar"
LAUNCHER="$PWD/bin/herald"
size=$(cd "$WORK" && java -jar "$JAR" preview templates/release.md --limit 1 --out p >/dev/null && wc -c < p/00001-*.eml)
echo "messages: $N, connections: $C, rendered message size: $size bytes"

# One timed herald run: the whole process (JVM start, validation, rendering, sending, journal)
# against a fresh journal, so every message is due.
run_herald() {
  rm -rf "$WORK/logs"
  local start end
  start=$(date +%s.%N)
  (cd "$WORK" && "$@" send templates/release.md --smtp-host 127.0.0.1 --smtp-port "$PORT" \
    --smtp-security none --connections "$C" --yes --format json > send.json)
  end=$(date +%s.%N)
  sent=$(grep '"sent"' "$WORK/send.json" | tr -dc 0-9)
  secs=$(echo "$end - $start" | bc -l)
  rate=$(echo "$sent / $secs" | bc -l)
}

run_herald "$LAUNCHER"
launcher_sent=$sent; launcher_secs=$secs; launcher_rate=$rate
run_herald java -jar "$JAR"
jar_sent=$sent; jar_secs=$secs; jar_rate=$rate

start=$(date +%s.%N)
smtp-source -s "$C" -d -m "$N" -l 6000 127.0.0.1:"$PORT"
end=$(date +%s.%N)
source_secs=$(echo "$end - $start" | bc -l)
source_rate=$(echo "$N / $source_secs" | bc -l)

printf 'herald (bin/herald):  %d messages in %.2f s = %.0f msg/s (whole process: JVM start, validation, render, send, journal)\n' "$launcher_sent" "$launcher_secs" "$launcher_rate"
printf 'herald (java -jar):   %d messages in %.2f s = %.0f msg/s (default JVM settings)\n' "$jar_sent" "$jar_secs" "$jar_rate"
printf 'smtp-source:          %d messages in %.2f s = %.0f msg/s\n' "$N" "$source_secs" "$source_rate"
printf 'ratio herald/smtp-source: %.2f (bin/herald), %.2f (java -jar)\n' \
  "$(echo "$launcher_rate / $source_rate" | bc -l)" "$(echo "$jar_rate / $source_rate" | bc -l)"
