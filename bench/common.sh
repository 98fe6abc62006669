# Shared by the bench/ scripts (sourced, not run): the sink, the generated working folder and a
# clock. Needs bash, python3 and Postfix's smtp-sink/smtp-source.

# Puts smtp-sink and smtp-source on the PATH, installing Postfix when they are missing.
bench_need_postfix() {
  if command -v smtp-sink >/dev/null && command -v smtp-source >/dev/null; then return; fi
  if [ -x /usr/sbin/smtp-sink ]; then
    export PATH="$PATH:/usr/sbin"
    return
  fi
  echo "installing postfix (for smtp-sink and smtp-source)..." >&2
  local sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null
  export PATH="$PATH:/usr/sbin"
}

# bench_start_sink PORT: smtp-sink on 127.0.0.1:PORT in the background (accepts everything,
# discards it, offers PIPELINING); its pid in SINK_PID. 512 = listen backlog.
bench_start_sink() {
  local user_opt=()
  [ "$(id -u)" -eq 0 ] && user_opt=(-u nobody)
  smtp-sink "${user_opt[@]}" 127.0.0.1:"$1" 512 &
  SINK_PID=$!
  bench_wait_port "$1"
}

# bench_wait_port PORT: waits up to 5 s until something listens on 127.0.0.1:PORT.
bench_wait_port() {
  local i
  for i in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}

# bench_folder DIR N: a herald working folder with N contacts (Polish, French, German and Italian
# names) and a release of about 6 KB once rendered; also, for mailmerge, the same release as
# DIR/mailmerge_template.txt and the same rows as DIR/mailmerge_database.csv.
bench_folder() {
  mkdir -p "$1/contacts" "$1/templates"
  python3 - "$1" "$2" <<'PY'
import sys, random
work, n = sys.argv[1], int(sys.argv[2])
random.seed(7)
first = ["Łukasz", "Zofia", "Jérôme", "Giulia", "Günther", "Chloé", "Niccolò", "Agnieszka", "Wouter", "Małgorzata"]
last = ["Wróbel", "Kowalczyk", "Dupont", "Rossi", "Müller", "Lambert", "Bernardini", "Żółkiewska", "De Smet", "Szczęśniak"]
outlets = ["Kurier Podlaski", "Le Soir Numérique", "Corriere dell'Innovazione", "Technik & Region", "EU Regions Weekly"]
header = "email,first_name,last_name,salutation,outlet,language\n"
with open(f"{work}/contacts/media.csv", "w", encoding="utf-8") as f, \
     open(f"{work}/mailmerge_database.csv", "w", encoding="utf-8") as m:
    f.write(header)
    m.write(header)
    for i in range(n):
        fn, ln = random.choice(first), random.choice(last)
        lang = random.choice(["en", "pl", "fr", "de", "it"])
        row = f'journalist{i}@newsroom{i % 97}.example,{fn},{ln},Dear {fn} {ln},"{random.choice(outlets)}",{lang}\n'
        f.write(row)
        m.write(row)
para = ("Podlaskie Voivodeship hosted the fifth Next2Met policy learning event, presenting e-health, "
        "e-services in rural communes, the InfoTech cluster in Białystok and Holo4Med, a mixed-reality "
        "project for medical training. ")
body = "\n\n".join(para * 3 for _ in range(3))
text = ("{{salutation}},\n\nWe thought this might interest readers of **{{outlet}}**.\n\n" + body +
        "\n\nTo request an interview, [write to us]({{interview_link}}).\n")
with open(f"{work}/templates/release.md", "w", encoding="utf-8") as f:
    f.write("Subject: Fostering digitalisation in the Podlaskie Region – for {{outlet}}\n")
    f.write("From: Next2Met Press Office <press@next2met.example>\n")
    f.write("Campaign: bench\n\n")
    f.write(text)
# mailmerge's own format: Jinja2 with the headers on top, Markdown rendered to HTML as herald does
with open(f"{work}/mailmerge_template.txt", "w", encoding="utf-8") as f:
    f.write("TO: {{email}}\n")
    f.write("SUBJECT: Fostering digitalisation in the Podlaskie Region – for {{outlet}}\n")
    f.write("FROM: Next2Met Press Office <press@next2met.example>\n")
    f.write("CONTENT-TYPE: text/markdown\n\n")
    f.write(text.replace("{{interview_link}}", "mailto:press@next2met.example?subject=Interview"))
PY
}

# bench_mailmerge_conf DIR PORT: mailmerge's server settings, pointing at 127.0.0.1:PORT.
bench_mailmerge_conf() {
  printf '[smtp_server]\nhost = 127.0.0.1\nport = %s\nratelimit = 0\n' "$2" > "$1/mailmerge_server.conf"
}

# Seconds since the epoch, with nanoseconds.
bench_now() { date +%s.%N; }
