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
# As root, it also measures the page with the console in a memory cgroup of 512 MiB, as docker-compose.yml runs it,
# in turns with an unbounded console (MEMORY_ROUNDS rounds each, 3).
#
# Needs wrk (apt-get install -y wrk), curl, python3 and the JDK's jstat. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=docs/performance.md
. bench/lib.sh
command -v curl >/dev/null || { echo "curl is not installed: apt-get install -y curl" >&2; exit 1; }

prepare_app

percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.0f %%", 100 * (a - b) / b}'; } # $1 against $2
MEMORY_ROUNDS=${MEMORY_ROUNDS:-3}
page_round() { # $1 = session cookie, $2 = page URL; one round of the page's load: prints "req/s p99-ms"
  local report
  report=$(load -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $1" "$2")
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$report") $(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$report")")"
}

run_dataset() { # $1 = accounts, $2 = connections per account
  local db="$WORK/db-$1" total=$(( $1 * $2 ))
  prepare_database "$db" "$1" "$2"
  # JVM start to first 200, as the median of START_RUNS starts (one start varies by a few hundred ms with what else
  # the machine does); the last start goes on to be measured.
  median_start "$db"
  local start_ms=$START_MEDIAN start_range=$START_RANGE
  # The first Connected accounts page the signed-in user gets from the console that has just started.
  first_page
  local first_ms=$FIRST_MS cookie=$COOKIE page_url=$PAGE_URL
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
  local rss_mib
  rss_mib=$(peak_rss_mib)
  stop_app

  # The page with the console in 512 MiB, as compose runs each replica, beside an unbounded console on a copy of the
  # same database: both started and warmed, then loaded in turn, MEMORY_ROUNDS rounds each, so that the two are
  # compared on the same minutes of the machine rather than minutes apart.
  if [ "$CAN_LIMIT" = yes ]; then
    local kills_before free_pid free_cookie free_url small_pid small_cookie small_url home_port=$PORT alive=yes
    local free_rps=() free_p99=() small_rps=() small_p99=() small_warm rps p99 round
    rm -rf "$db-512m" && cp -r "$db" "$db-512m"
    kills_before=$(oom_kills)
    start_app "$db"
    first_page
    free_pid=$APP_PID free_cookie=$COOKIE free_url=$PAGE_URL
    OTHER_APP_PID=$free_pid # stopped by the exit trap too, should the run end early
    PORT=$((home_port + 1))
    LIMITED=yes start_app "$db-512m"
    first_page
    small_pid=$APP_PID small_cookie=$COOKIE small_url=$PAGE_URL
    PORT=$home_port
    APP_PID=$free_pid warm_up -H "Cookie: $free_cookie" "$free_url" >/dev/null
    small_warm=$(APP_PID=$small_pid warm_up -H "Cookie: $small_cookie" "$small_url")
    for round in $(seq 1 "$MEMORY_ROUNDS"); do
      read -r rps p99 < <(page_round "$free_cookie" "$free_url")
      free_rps+=("$rps") free_p99+=("$p99")
      read -r rps p99 < <(page_round "$small_cookie" "$small_url")
      small_rps+=("$rps") small_p99+=("$p99")
    done
    local small_rss free_rps_median small_rps_median free_p99_median small_p99_median
    small_rss=$(APP_PID=$small_pid peak_rss_mib)
    kill -0 "$small_pid" 2>/dev/null || alive=no
    APP_PID=$small_pid stop_app
    APP_PID=$free_pid stop_app
    OTHER_APP_PID=
    local kills=$(( $(oom_kills) - kills_before ))
    free_rps_median=$(printf '%s\n' "${free_rps[@]}" | median)
    small_rps_median=$(printf '%s\n' "${small_rps[@]}" | median)
    free_p99_median=$(printf '%s\n' "${free_p99[@]}" | median)
    small_p99_median=$(printf '%s\n' "${small_p99[@]}" | median)
    SMALL+=("| $total connections in $1 accounts | $free_rps_median (${free_rps[*]}) | $small_rps_median (${small_rps[*]}): $(percent "$small_rps_median" "$free_rps_median") | $free_p99_median (${free_p99[*]}) | $small_p99_median (${small_p99[*]}): $(percent "$small_p99_median" "$free_p99_median") | $small_rss MiB | $kills | $small_warm s |")
    SMALL_OK+=("$(awk -v r="$small_rps_median" -v R="$free_rps_median" -v p="$small_p99_median" -v P="$free_p99_median" -v k="$kills" -v a="$alive" \
      'BEGIN { print (r >= 0.9 * R && p <= 1.1 * P && k == 0 && a == "yes") ? "met" : "**missed**" }')")
  fi

  RESULTS+=("| $total connections in $1 accounts | $page_rps | $(to_ms "$page_p50") | $(to_ms "$page_p99") | $static_rps | $(to_ms "$static_p50") | $(to_ms "$static_p99") | $api_rps | $(to_ms "$api_p50") | $(to_ms "$api_p99") | $(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN {printf "%.0f %%", 100 * a / b}') | $rss_mib MiB | $start_ms ms ($start_range) | $first_ms ms | $page_bytes B ($transferred B gzip) | $page_warm / $static_warm / $api_warm s |")
  P99S+=("$(to_ms "$page_p99")")
  RATIOS+=("$(awk -v a="$page_rps" -v b="$static_rps" 'BEGIN {printf "%.1f", 100 * a / b}')")
  STARTS+=("$start_ms")
  FIRSTS+=("$first_ms")
}

CAN_LIMIT=no
if make_cgroup 2>/dev/null; then CAN_LIMIT=yes; fi
SMALL=()
SMALL_OK=()
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
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1), $(uname -sr)."
  echo "Load: wrk at nice $LOAD_NICE, 2 threads, $CONNECTIONS connections, on 127.0.0.1: $DURATION per line, each after a warm-up under the same load"
  echo "that ends once the JIT compiler has settled (a 10 s round with fewer than $WARMUP_COMPILATIONS compilations and a rate within 5 % of the"
  echo "round before; at least $WARMUP_MIN s, at most $WARMUP_MAX s). The warm-up column gives its length for the page, the static file"
  echo "and the API, in that order; the page is measured first, on a console that has just started."
  echo "The console runs as the Dockerfile runs it (extracted jar, AOT-processed beans, the JVM's AOT cache, bin/jvm.options, virtual threads), on the embedded H2 database,"
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
  echo "| JVM start to first 200 ≤ 2 s | ${STARTS[0]} ms: $(verdict "${STARTS[0]} <= 2000") | ${STARTS[1]} ms: $(verdict "${STARTS[1]} <= 2000") |"
  echo "| first page after start ≤ 150 ms | ${FIRSTS[0]} ms: $(verdict "${FIRSTS[0]} <= 150") | ${FIRSTS[1]} ms: $(verdict "${FIRSTS[1]} <= 150") |"
  echo
  if [ "$CAN_LIMIT" = yes ]; then
    echo "In a memory cgroup of 512 MiB, as docker-compose.yml runs each replica (the JVM sizes its heap from the limit:"
    echo "-XX:MaxRAMPercentage in bin/jvm.options), beside an unbounded console on a copy of the same database: both warmed,"
    echo "then the page loaded on each in turn, $MEMORY_ROUNDS rounds of $DURATION each; the median, each round's figure in brackets,"
    echo "and the one in 512 MiB against the unbounded one (peak RSS, kills and warm-up are the one in 512 MiB's):"
    echo
    echo "| dataset | unbounded page req/s | in 512 MiB | unbounded page p99 ms | in 512 MiB | peak RSS | killed for memory | warm-up |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${SMALL[@]}"
    echo
    echo "| target | 100 connections | 100 000 connections |"
    echo "|---|---|---|"
    echo "| in 512 MiB: page throughput and p99 within 10 % of the unbounded run, never out of memory | ${SMALL_OK[0]} | ${SMALL_OK[1]} |"
  else
    echo "(No memory cgroup could be made on this machine, which needs root: the 512 MiB run is missing.)"
  fi
  echo
  echo "First load ≤ 60 KiB is measured by \`ConnectedAccountsBrowserTest\` with all assets ([First load](#first-load) below)."
  echo
  echo "Reproduce: \`apt-get install -y wrk && bench/run.sh\`."
  echo
  echo "$END_MARK"
} >"$WORK/measured.md"
# The measured part replaces the one between the marks; what the file says around it stays.
write_between_marks "$OUT" "$WORK/measured.md" "$BEGIN_MARK" "$END_MARK"
cat "$OUT"
