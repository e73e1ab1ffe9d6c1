#!/usr/bin/env bash
# Measures the console on this machine and writes its figures into docs/performance.md, between the marks that
# enclose them; what the file says around them (how the figures came about) stays.
#
#   bench/run.sh                 both datasets (100 and 100 000 connections), 20 s per measurement
#   DURATION=5s bench/run.sh     shorter measurements
#
# Each measurement follows a warm-up under the same load, in 10 s rounds, that ends once the JIT compiler has
# settled: a round with fewer than WARMUP_COMPILATIONS new compilations (jstat) and a rate within 5 % of the round
# before, after WARMUP_MIN seconds and at most WARMUP_MAX seconds. On two cores the compiler shares the CPU with the
# request threads, so a fixed short warm-up would measure a half-compiled console. JVM start to first 200 is the median
# of START_RUNS (5) starts.
#
# Needs wrk (apt-get install -y wrk), curl, python3 and the JDK's jstat. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

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
OUT=docs/performance.md
WORK=$(mktemp -d)
trap 'kill "${APP_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
command -v jstat >/dev/null || { echo "jstat is not installed: it comes with the JDK (openjdk-17-jdk-headless)" >&2; exit 1; }

echo "Building the jar…"
./mvnw -q -B -DskipTests package
JAR=target/connections-console-0.1.0-SNAPSHOT.jar

# As the Dockerfile runs it: ahead-of-time processed beans, Boot's CDS support (extract the jar, train a class data
# archive once) and the JVM options of bin/jvm.options.
rm -rf "$WORK/app"
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
APP_JAR="$WORK/app/$(basename "$JAR")"
H2_JAR=$(echo "$WORK"/app/lib/h2-*.jar)
bin/train-cds.sh "$WORK/app"

start_app() { # $1 = database directory
  local started
  started=$(date +%s%N)
  java @bin/jvm.options -Dspring.aot.enabled=true -XX:SharedArchiveFile="$WORK/app/app.jsa" -Xshare:auto -jar "$APP_JAR" \
    --server.port="$PORT" --console.data-dir="$1" --spring.datasource.url="jdbc:h2:file:$1/console;LOCK_TIMEOUT=10000;WRITE_DELAY=0" \
    --console.admin.password="$PASSWORD" --console.admin.access-key-id="$KEY_ID" \
    --console.admin.secret-access-key="$SECRET" --console.check.enabled=false \
    --spring.web.resources.static-locations="classpath:/static/,file:$WORK/static/" \
    >"$1/console.log" 2>&1 &
  APP_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login")" = 200 ]; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$1/console.log" >&2; exit 1; }
    sleep 0.02
  done
  START_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

sign_in() { # $1 = cookie jar; succeeds once the admin exists (the first start creates it after serving /login)
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
  java -cp "$H2_JAR" org.h2.tools.RunScript -url "jdbc:h2:file:$1/console" -user sa -script "$WORK/seed.sql"
}

compilations() { # methods the console's JIT compiler has compiled so far
  jstat -compiler "$APP_PID" | awk 'NR == 2 {print $1}'
}

warm_up() { # wrk arguments; loads the console until its JIT has settled, prints the seconds it took
  local seconds=0 rate previous=0 before after
  while :; do
    before=$(compilations)
    rate=$(wrk -t2 -c"$CONNECTIONS" -d10s "$@" | awk '/Requests\/sec/ {print $2}')
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
  report=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
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

run_dataset() { # $1 = accounts, $2 = connections per account
  local db="$WORK/db-$1"
  mkdir -p "$db" "$WORK/static"
  start_app "$db"          # first start: migrations and the bootstrap admin with its API key
  until sign_in "$WORK/bootstrap-cookies-$1"; do sleep 0.1; done
  stop_app
  seed "$db" "$1" "$2"
  # JVM start to first 200, as the median of START_RUNS starts (one start varies by a few hundred ms with what else
  # the machine does); the last start goes on to be measured.
  local starts=() run
  for run in $(seq 1 "$START_RUNS"); do
    start_app "$db"
    starts+=("$START_MS")
    if [ "$run" -lt "$START_RUNS" ]; then stop_app; fi
  done
  local start_ms start_range
  start_ms=$(printf '%s\n' "${starts[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  start_range=$(printf '%s\n' "${starts[@]}" | sort -n | awk 'NR == 1 {min = $1} {max = $1} END {print min "–" max}')

  local jar cookie
  jar="$WORK/cookies-$1"
  sign_in "$jar" || { echo "could not sign in" >&2; exit 1; }
  cookie=$(awk '$6 == "SESSION" {print "SESSION=" $7}' "$jar")
  local page_url="http://127.0.0.1:$PORT/connections?region=us-east-1"
  # The first Connected accounts page the signed-in user gets from the console that has just started.
  local first_ms
  first_ms=$(curl -s -o "$WORK/page.html" -w '%{time_total}' -H "Cookie: $cookie" "$page_url" | awk '{printf "%.0f", $1 * 1000}')
  grep -q 'conn-1' "$WORK/page.html" || { echo "the signed-in page did not list the account's connections" >&2; exit 1; }
  local page_bytes
  page_bytes=$(wc -c <"$WORK/page.html")
  python3 -c 'import sys; sys.stdout.write(("x" * 99 + "\n") * (int(sys.argv[1]) // 100) + "x" * (int(sys.argv[1]) % 100))' \
    "$page_bytes" >"$WORK/static/bench-static.txt"
  local transferred
  transferred=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "$page_url")

  python3 bench/sign.py "127.0.0.1:$PORT" us-east-1 "$KEY_ID" "$SECRET" "$WORK/list.lua"
  read -r page_rps page_p50 page_p99 page_warm < <(measure page -H "Cookie: $cookie" "$page_url")
  read -r static_rps static_p50 static_p99 static_warm < <(measure static "http://127.0.0.1:$PORT/assets/bench-static.txt")
  read -r api_rps api_p50 api_p99 api_warm < <(measure api -s "$WORK/list.lua" "http://127.0.0.1:$PORT/")
  [ -n "$page_rps" ] && [ -n "$static_rps" ] && [ -n "$api_rps" ] || { echo "a measurement failed" >&2; exit 1; }
  local rss_kb
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")
  stop_app

  local total=$(( $1 * $2 ))
  RESULTS+=("| $total connections in $1 accounts | $page_rps | $(to_ms "$page_p50") | $(to_ms "$page_p99") | $static_rps | $(to_ms "$static_p50") | $(to_ms "$static_p99") | $api_rps | $(to_ms "$api_p50") | $(to_ms "$api_p99") | $(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN {printf "%.0f %%", 100 * a / b}') | $(( rss_kb / 1024 )) MiB | $start_ms ms ($start_range) | $first_ms ms | $page_bytes B ($transferred B gzip) | $page_warm / $static_warm / $api_warm s |")
  P99S+=("$(to_ms "$page_p99")")
  RATIOS+=("$(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN {printf "%.1f", 100 * a / b}')")
  STARTS+=("$start_ms")
  FIRSTS+=("$first_ms")
}

RESULTS=()
P99S=()
RATIOS=()
STARTS=()
FIRSTS=()
run_dataset 10 10
run_dataset 10000 10

ratio=$(awk -v a="${P99S[1]}" -v b="${P99S[0]}" 'BEGIN {printf "%.2f", a / b}')
verdict() { # $1 = condition for awk, true when the target is met
  awk "BEGIN { exit !($1) }" && echo "met" || echo "**missed**"
}
BEGIN_MARK='<!-- measured: written by bench/run.sh -->'
END_MARK='<!-- end of measured -->'
{
  echo "$BEGIN_MARK"
  echo
  echo "Measured on $(date -u +%Y-%m-%d) by \`bench/run.sh\`: this part of the file is rewritten by every run."
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), $(uname -sr)."
  echo "Load: wrk, 2 threads, $CONNECTIONS connections, on 127.0.0.1: $DURATION per line, each after a warm-up under the same load"
  echo "that ends once the JIT compiler has settled (a 10 s round with fewer than $WARMUP_COMPILATIONS compilations and a rate within 5 % of the"
  echo "round before; at least $WARMUP_MIN s, at most $WARMUP_MAX s). The warm-up column gives its length for the page, the static file"
  echo "and the API, in that order; the page is measured first, on a console that has just started."
  echo "The console runs as the Dockerfile runs it (extracted jar, AOT-processed beans, CDS archive, bin/jvm.options), on the embedded H2 database,"
  echo "with its sessions in the database (Spring Session JDBC)."
  echo
  echo "| dataset | page req/s | page p50 ms | page p99 ms | static req/s | static p50 ms | static p99 ms | ListConnections req/s | API p50 ms | API p99 ms | page/static | peak RSS | start to first 200 | first page after start | page size | warm-up |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${RESULTS[@]}"
  echo
  echo "- page: the Connected accounts page of one account with 10 connections, signed in;"
  echo "- static: a file of the page's byte size served by the same console (the ceiling);"
  echo "- ListConnections: one SigV4-signed API request, replayed (a signature is valid for 15 minutes);"
  echo "- start to first 200: from launching the JVM to the first 200 on /login, the median of $START_RUNS starts on the seeded"
  echo "  database (the fastest and the slowest in brackets);"
  echo "- first page after start: the first Connected accounts page a user who has just signed in gets from the console that has"
  echo "  just started (curl's total time)."
  echo
  echo "| target | 100 connections | 100 000 connections |"
  echo "|---|---|---|"
  echo "| page throughput ≥ 15 % of static (goal 20 %) | ${RATIOS[0]} %: $(verdict "${RATIOS[0]} >= 15") | ${RATIOS[1]} %: $(verdict "${RATIOS[1]} >= 15") |"
  echo "| page p99 ≤ 50 ms at $CONNECTIONS connections | ${P99S[0]} ms: $(verdict "${P99S[0]} <= 50") | ${P99S[1]} ms: $(verdict "${P99S[1]} <= 50") |"
  echo "| page p99 with 100 000 ≤ 1.2 × with 100 | | $ratio: $(verdict "$ratio <= 1.2") |"
  echo "| JVM start to first 200 ≤ 3 s | ${STARTS[0]} ms: $(verdict "${STARTS[0]} <= 3000") | ${STARTS[1]} ms: $(verdict "${STARTS[1]} <= 3000") |"
  echo "| first page after start ≤ 300 ms | ${FIRSTS[0]} ms: $(verdict "${FIRSTS[0]} <= 300") | ${FIRSTS[1]} ms: $(verdict "${FIRSTS[1]} <= 300") |"
  echo
  echo "First load ≤ 60 KB is measured by \`ConnectedAccountsBrowserTest\` with all assets (see the README)."
  echo
  echo "Reproduce: \`apt-get install -y wrk && bench/run.sh\`."
  echo
  echo "$END_MARK"
} >"$WORK/measured.md"
# The measured part replaces the one between the marks; what the file says around it stays.
python3 - "$OUT" "$WORK/measured.md" "$BEGIN_MARK" "$END_MARK" <<'PY'
import sys
out, measured, begin, end = sys.argv[1:5]
text = open(out, encoding="utf-8").read()
new = open(measured, encoding="utf-8").read().rstrip("\n")
if begin in text and end in text:
    text = text[:text.index(begin)] + new + text[text.index(end) + len(end):]
else:
    text = "# Performance\n\n" + new + "\n"
open(out, "w", encoding="utf-8").write(text)
PY
cat "$OUT"
