# Shared by bench/run.sh and bench/compare.sh: builds the console as the Dockerfile runs it, starts and stops it,
# seeds a dataset and loads it with wrk. Sourced, not run. Traffic goes to 127.0.0.1 only.

DURATION=${DURATION:-20s}
WARMUP_MIN=${WARMUP_MIN:-30}
WARMUP_MAX=${WARMUP_MAX:-300}
WARMUP_COMPILATIONS=${WARMUP_COMPILATIONS:-50}
START_RUNS=${START_RUNS:-5}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-18080}
KEY_ID=AKIABENCHMARK0000001
SECRET=benchmarkSecretAccessKey000000000000000
PASSWORD=bench-password
WORK=$(mktemp -d)
trap 'kill ${APP_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

# The load: wrk below the console's CPU priority (nice LOAD_NICE, 10). The browsers it stands in for run on other
# machines; at the console's priority its two threads take the two cores from the console in the middle of requests,
# and the tail measured the two programs' contention ("How bench/run.sh measures" in docs/performance.md).
LOAD_NICE=${LOAD_NICE:-10}
load() { nice -n "$LOAD_NICE" wrk "$@"; }

# The JDK the console is built for: JAVA_HOME if it is a JDK 25 or later, else one installed beside the default JDK.
find_java() {
  local home
  for home in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/*; do
    if [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/jstat" ] \
      && grep -Eq '^JAVA_VERSION="(2[5-9]|[3-9][0-9])' "$home/release" 2>/dev/null; then
      echo "$home/bin"
      return
    fi
  done
  echo "No JDK 25 found: install one beside your default JDK (e.g. Temurin 25 under /usr/lib/jvm)" >&2
  exit 1
}
JDK_BIN=$(find_java)
JAVA="$JDK_BIN/java"

# Builds the jar and lays it out as the Dockerfile does: extracted, with its ahead-of-time cache trained once.
prepare_app() {
  echo "Building the jar…"
  ./mvnw -q -B -DskipTests package
  local jar=target/connections-console-0.1.0-SNAPSHOT.jar
  rm -rf "$WORK/app"
  "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/app" >/dev/null
  APP_JAR="$WORK/app/$(basename "$jar")"
  H2_JAR=$(echo "$WORK"/app/lib/h2-*.jar)
  cp bin/jvm.options "$WORK/app/jvm.options"
  JAVA="$JAVA" bin/train-aot.sh "$WORK/app"
}

# How the Dockerfile starts the console; a comparison replaces these, or adds JVM_OPTS and APP_OPTS.
production_jvm_opts() {
  PRODUCTION_JVM_OPTS=(@"$WORK/app/jvm.options" -Dspring.aot.enabled=true -XX:AOTCache="$WORK/app/app.aot")
}
production_jvm_opts

# A memory cgroup of 512 MiB, as docker-compose.yml gives each replica (the JVM sizes its heap from it): make_cgroup
# creates it (as root, cgroup v1 or v2) and sets MEMORY_CGROUP; start_app LIMITED=yes … starts the console in it.
make_cgroup() {
  local v1 self
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    self=$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
    MEMORY_CGROUP="/sys/fs/cgroup$self/bench-512m"
    mkdir -p "$MEMORY_CGROUP" && echo 512M >"$MEMORY_CGROUP/memory.max"
  else
    v1=$(awk -F: '$2 == "memory" {print $3}' /proc/self/cgroup)
    MEMORY_CGROUP="/sys/fs/cgroup/memory$v1/bench-512m"
    mkdir -p "$MEMORY_CGROUP" && echo $((512 * 1024 * 1024)) >"$MEMORY_CGROUP/memory.limit_in_bytes"
  fi
  trap 'kill ${APP_PID:-} ${OTHER_APP_PID:-} 2>/dev/null || true; wait "${APP_PID:-0}" 2>/dev/null || true; rmdir "$MEMORY_CGROUP" 2>/dev/null; rm -rf "$WORK"; true' EXIT
}

# Times the memory cgroup has killed a process for want of memory (0 where the kernel doesn't count them).
oom_kills() {
  if [ -f "$MEMORY_CGROUP/memory.events" ]; then
    awk '$1 == "oom_kill" {print $2}' "$MEMORY_CGROUP/memory.events"
  else
    awk '$1 == "oom_kill" {print $2; found = 1} END {if (!found) print 0}' "$MEMORY_CGROUP/memory.oom_control" 2>/dev/null || echo 0
  fi
}

start_app() { # $1 = database directory; JVM_OPTS and APP_OPTS (arrays) add to the production settings
  local started cgroup=
  mkdir -p "$WORK/static"
  if [ "${LIMITED:-no}" = yes ]; then cgroup=$MEMORY_CGROUP; fi
  started=$(date +%s%N)
  # In the memory cgroup when LIMITED=yes, as a container with a memory limit would run it.
  sh -c 'if [ -n "$1" ]; then echo $$ > "$1/cgroup.procs"; fi; shift; exec "$@"' start "$cgroup" \
    "$JAVA" "${PRODUCTION_JVM_OPTS[@]}" "${JVM_OPTS[@]}" -jar "$APP_JAR" \
    --server.port="$PORT" --console.data-dir="$1" --spring.datasource.url="jdbc:h2:file:$1/console;LOCK_TIMEOUT=10000;WRITE_DELAY=0" \
    --console.admin.password="$PASSWORD" --console.admin.access-key-id="$KEY_ID" \
    --console.admin.secret-access-key="$SECRET" --console.check.enabled=false \
    --console.token-key=bench-only-token-key-0123456789abcdef \
    --spring.web.resources.static-locations="classpath:/static/,file:$WORK/static/" "${APP_OPTS[@]}" \
    >"$1/console.log" 2>&1 &
  APP_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login")" = 200 ]; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$1/console.log" >&2; exit 1; }
    sleep 0.02
  done
  START_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}
JVM_OPTS=()
APP_OPTS=()

# Waits until the console is ready: its start has run to the end, the first one's administrator created. A sign-in
# tried before fails and counts against the user's attempts.
await_ready() {
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness")" = 200 ]; do
    kill -0 "$APP_PID" 2>/dev/null || { echo "the console stopped before it was ready" >&2; exit 1; }
    sleep 0.1
  done
}

sign_in() { # $1 = cookie jar; signs in as the administrator
  local csrf
  csrf=$(curl -s -c "$1" -b "$1" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -w '%{redirect_url}' -c "$1" -b "$1" --data-urlencode "username=admin" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$PORT/login" | grep -qv 'error'
}

stop_app() {
  kill "$APP_PID" && wait "$APP_PID" 2>/dev/null || true
}

seed() { # $1 = database directory, $2 = accounts, $3 = connections per account
  cat >"$WORK/seed.sql" <<SQL
INSERT INTO account (id, name, created_at)
  SELECT LPAD(CAST(X AS VARCHAR), 12, '0'), 'Bench account ' || X, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, $2 - 1);
INSERT INTO connection (id, account_id, region, name, live_name, provider_type, status, created_at)
  SELECT LOWER(REPLACE(CAST(RANDOM_UUID() AS VARCHAR), '-', '')),
         CASE WHEN X <= $3 THEN '123456789012' ELSE LPAD(CAST((X - $3 - 1) / $3 + 1 AS VARCHAR), 12, '0') END,
         'us-east-1', 'conn-' || X, 'conn-' || X, 'GITHUB', 'PENDING_HANDSHAKE', CURRENT_TIMESTAMP
  FROM SYSTEM_RANGE(1, $2 * $3);
SQL
  "$JAVA" -cp "$H2_JAR" org.h2.tools.RunScript -url "jdbc:h2:file:$1/console" -user sa -script "$WORK/seed.sql"
}

# A database with the bootstrap administrator and its API key, seeded with $2 accounts of $3 connections: in $1.
prepare_database() {
  mkdir -p "$1"
  start_app "$1"          # first start: migrations and the bootstrap admin with its API key
  await_ready
  sign_in "$WORK/bootstrap-cookies" || { echo "could not sign in" >&2; exit 1; }
  stop_app
  seed "$1" "$2" "$3"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; } # of the numbers on stdin, one a line

# JVM start to first 200 as the median of START_RUNS starts, the range in brackets; the last start keeps running.
median_start() { # $1 = database directory; sets START_MEDIAN and START_RANGE
  local starts=() run
  for run in $(seq 1 "$START_RUNS"); do
    start_app "$1"
    starts+=("$START_MS")
    if [ "$run" -lt "$START_RUNS" ]; then stop_app; fi
  done
  START_MEDIAN=$(printf '%s\n' "${starts[@]}" | median)
  START_RANGE=$(printf '%s\n' "${starts[@]}" | sort -n | awk 'NR == 1 {min = $1} {max = $1} END {print min "–" max}')
}

# Signs in on the running console and reads its first Connected accounts page; sets COOKIE, PAGE_URL and FIRST_MS.
first_page() {
  local jar="$WORK/cookies-$RANDOM"
  sign_in "$jar" || { echo "could not sign in" >&2; exit 1; }
  COOKIE=$(awk '$6 == "SESSION" {print "SESSION=" $7}' "$jar")
  PAGE_URL="http://127.0.0.1:$PORT/connections?region=us-east-1"
  FIRST_MS=$(curl -s -o "$WORK/page.html" -w '%{time_total}' -H "Cookie: $COOKIE" "$PAGE_URL" | awk '{printf "%.0f", $1 * 1000}')
  grep -q 'conn-1' "$WORK/page.html" || { echo "the signed-in page did not list the account's connections" >&2; exit 1; }
}

compilations() { # methods the console's JIT compiler has compiled so far
  "$JDK_BIN/jstat" -compiler "$APP_PID" | awk 'NR == 2 {print $1}'
}

warm_up() { # wrk arguments; loads the console until its JIT has settled, prints the seconds it took
  local seconds=0 rate previous=0 before after
  while :; do
    before=$(compilations)
    rate=$(load -t2 -c"$CONNECTIONS" -d10s "$@" | awk '/Requests\/sec/ {print $2}')
    after=$(compilations)
    seconds=$((seconds + 10))
    if [ "$seconds" -ge "$WARMUP_MAX" ]; then break; fi
    if [ "$seconds" -ge "$WARMUP_MIN" ] && [ $((after - before)) -lt "$WARMUP_COMPILATIONS" ] \
      && awk -v a="$rate" -v b="$previous" 'BEGIN { exit !(a >= 0.95 * b && a <= 1.05 * b) }'; then
      break
    fi
    previous=$rate
  done
  echo "$seconds"
}

measure() { # $1 = label, rest = wrk arguments; prints "rps p50 p99 warm-up-seconds"
  local label=$1
  shift
  local warmed
  warmed=$(warm_up "$@")
  local report
  report=$(load -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$report")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$report")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$report")
  if [ -n "$non2xx" ]; then echo "$label: $non2xx responses were not 2xx" >&2; exit 1; fi
  echo "$rps $p50 $p99 $warmed"
}

to_ms() { # wrk latency (e.g. 812.00us, 3.21ms, 1.02s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

peak_rss_mib() { # the running console's peak resident set
  awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"
}

# Writes $2 (a file) into $1 between the marks $3 and $4; what the file says around them stays.
write_between_marks() {
  python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys
out, measured, begin, end = sys.argv[1:5]
text = open(out, encoding="utf-8").read()
new = open(measured, encoding="utf-8").read().rstrip("\n")
if begin in text and end in text:
    text = text[:text.index(begin)] + new + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + new + "\n"
open(out, "w", encoding="utf-8").write(text)
PY
}
