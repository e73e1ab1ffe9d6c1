#!/usr/bin/env bash
# Compares, side by side on this machine, the JVM and server settings the console could run with, and writes the
# figures into docs/performance.md between the marks that enclose them (bench/run.sh measures the settings it ships).
#
#   bench/compare.sh             every comparison, on 100 connections (and 100 000 under the memory limit)
#   DURATION=5s bench/compare.sh shorter measurements
#
# - start: JVM start to first 200 (median of START_RUNS starts) and the first page after start, for no cache, the
#   class data sharing archive the console used before with the JIT options it had then, the JVM's AOT cache with
#   those options, and the AOT cache as the console ships it;
# - threads: warm page throughput and latency with Tomcat's pool of 200 platform threads and with virtual threads,
#   and /login while 1 000 clients trickle sign-in bodies, a byte every 4 s;
# - collector: warm page throughput, latency and peak RSS with the serial collector (shipped), G1 (the JVM's own choice
#   on a machine of this size) and the parallel one, G1 and serial twice, interleaved;
# - memory: compact object headers off and on, and the console in a memory cgroup of 512 MiB (as a container with that
#   limit), when this machine lets bench create one (cgroup v1 or v2, as root).
#
# Needs wrk, curl, python3 and a JDK 25 (found as bench/run.sh finds it). Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=docs/performance.md
. bench/lib.sh

prepare_app
# The class data sharing archive of the console before the AOT cache, trained on the same run.
CACHE="$WORK/app/app.jsa" CACHE_OPTION=-XX:ArchiveClassesAtExit JAVA="$JAVA" bin/train-aot.sh "$WORK/app"
DB="$WORK/db"
prepare_database "$DB" 10 10
ROWS_START=()
ROWS_THREADS=()
ROWS_MEMORY=()

start_row() { # $1 = label; PRODUCTION_JVM_OPTS set by the caller
  median_start "$DB"
  first_page
  stop_app
  ROWS_START+=("| $1 | $START_MEDIAN ms ($START_RANGE) | $FIRST_MS ms |")
}
# The JIT options bin/jvm.options had before the AOT cache replaced them: C2 taking methods up later, the compiler
# threads at nice 10.
BEFORE_JIT=(-XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=50000
  -XX:Tier4BackEdgeThreshold=400000 -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=10)
SHIPPED=(@"$WORK/app/jvm.options" -Dspring.aot.enabled=true)
PRODUCTION_JVM_OPTS=("${SHIPPED[@]}"); start_row "no cache"
PRODUCTION_JVM_OPTS=("${SHIPPED[@]}" "${BEFORE_JIT[@]}" -XX:SharedArchiveFile="$WORK/app/app.jsa" -Xshare:auto)
start_row "CDS archive, the JIT options of before (before)"
PRODUCTION_JVM_OPTS=("${SHIPPED[@]}" "${BEFORE_JIT[@]}" -XX:AOTCache="$WORK/app/app.aot")
start_row "AOT cache, the JIT options of before"
production_jvm_opts
start_row "AOT cache (as shipped)"

page_row() { # $1 = table, $2 = label; JVM_OPTS and APP_OPTS set by the caller; prints "rps p99" too
  start_app "$DB"
  first_page
  local rps p50 p99 warm
  read -r rps p50 p99 warm < <(measure page -H "Cookie: $COOKIE" "$PAGE_URL")
  [ -n "$rps" ] || { echo "$2: the measurement failed" >&2; exit 1; }
  local rss
  rss=$(peak_rss_mib)
  stop_app
  local row="| $2 | $rps | $(to_ms "$p50") | $(to_ms "$p99") | $rss MiB | $warm s |"
  case $1 in
    threads) ROWS_THREADS+=("$row") ;;
    collector) ROWS_COLLECTOR+=("$row") ;;
    *) ROWS_MEMORY+=("$row") ;;
  esac
}
# bin/jvm.options without the lines that match $1, for a comparison that sets that option itself; prints its path.
options_without() {
  grep -v -e "$1" "$WORK/app/jvm.options" >"$WORK/app/jvm-without-$2.options"
  echo "$WORK/app/jvm-without-$2.options"
}
ROWS_COLLECTOR=()
slow_row() { # $1 = label; APP_OPTS set by the caller
  start_app "$DB"
  local median slowest unanswered
  read -r median slowest unanswered < <(python3 bench/slow_bodies.py "$PORT" 1000 4 10)
  stop_app
  if [ "$median" = - ]; then median="no answer"; slowest="no answer"; else median="$median ms"; slowest="$slowest ms"; fi
  ROWS_SLOW+=("| $1 | $median | $slowest | $unanswered of 10 |")
}
ROWS_SLOW=()
APP_OPTS=(--spring.threads.virtual.enabled=false); page_row threads "200 platform threads (before)"
slow_row "200 platform threads"
APP_OPTS=(); page_row threads "virtual threads"
slow_row "virtual threads"

# Virtual threads that pin their carrier (a platform thread) while they block: recorded by JFR under the page load,
# the API and sign-in posts, with every pinning counted however short.
JVM_OPTS=("-XX:StartFlightRecording=filename=$WORK/pinned.jfr,+jdk.VirtualThreadPinned#threshold=0ms")
start_app "$DB"
first_page
python3 bench/sign.py "127.0.0.1:$PORT" us-east-1 "$KEY_ID" "$SECRET" "$WORK/list.lua"
warm_up -H "Cookie: $COOKIE" "$PAGE_URL" >/dev/null
"$JDK_BIN/jcmd" "$APP_PID" JFR.dump filename="$WORK/warm.jfr" >/dev/null
load -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $COOKIE" "$PAGE_URL" >/dev/null
load -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$WORK/list.lua" "http://127.0.0.1:$PORT/" >/dev/null
load -t2 -c4 -d5s -s bench/sign-in-post.lua "http://127.0.0.1:$PORT/login" >/dev/null
"$JDK_BIN/jcmd" "$APP_PID" JFR.dump filename="$WORK/pinned.jfr" >/dev/null
stop_app
JVM_OPTS=()
pinned_events() { "$JDK_BIN/jfr" summary "$1" | awk '$1 == "jdk.VirtualThreadPinned" {print $2}'; }
PINNED_START=$(pinned_events "$WORK/warm.jfr")
PINNED_ALL=$(pinned_events "$WORK/pinned.jfr")
# Where each pinning happened: loading or initializing a class (a thread can't unmount then), or the frame it was in.
PINNED_WHERE=$("$JDK_BIN/jfr" print --events jdk.VirtualThreadPinned --stack-depth 64 "$WORK/pinned.jfr" | python3 -c '
import collections, re, sys
where = collections.Counter()
for event in sys.stdin.read().split("jdk.VirtualThreadPinned {")[1:]:
    reason = re.search(r"pinnedReason = \"([^\"]*)\"", event).group(1)
    frames = re.findall(r"^\s+(\S+)\(", event, re.M)
    if "initialization" in reason or "<clinit>" in reason or any("loadClass" in f or "<clinit>" in f for f in frames):
        where["loading or initializing a class"] += 1
    else:
        where[reason + " in " + (frames[0] if frames else "?")] += 1
print("; ".join(f"{place} × {count}" for place, count in where.most_common()))
')

# The collector, the console as shipped otherwise: its AOT cache, trained with the serial collector, keeps its linked
# classes under the others too.
WITHOUT_GC=$(options_without '^-XX:+UseSerialGC' gc)
collector_row() { # $1 = collector, $2 = label
  PRODUCTION_JVM_OPTS=(@"$WITHOUT_GC" "-XX:+Use$1GC" -Dspring.aot.enabled=true -XX:AOTCache="$WORK/app/app.aot")
  page_row collector "$2"
}
for round in 1 2; do
  collector_row G1 "G1 (the JVM's own choice here), run $round"
  collector_row Serial "serial (shipped), run $round"
  if [ "$round" = 1 ]; then collector_row Parallel "parallel"; fi
done

# Compact object headers: the shipped options otherwise, without the AOT cache, which the JVM maps only with the
# options it was trained with.
WITHOUT_HEADERS=$(options_without '^-XX:+UseCompactObjectHeaders' headers)
PRODUCTION_JVM_OPTS=(@"$WITHOUT_HEADERS" -Dspring.aot.enabled=true)
JVM_OPTS=(-XX:-UseCompactObjectHeaders); page_row memory "compact object headers off"
JVM_OPTS=(-XX:+UseCompactObjectHeaders); page_row memory "compact object headers on"
JVM_OPTS=()
production_jvm_opts

LIMITED=no
if make_cgroup 2>/dev/null; then
  LIMITED=yes
  page_row memory "in 512 MiB, 100 connections"
  DB="$WORK/db-large"
  LIMITED=no prepare_database "$DB" 10000 10
  page_row memory "in 512 MiB, 100 000 connections"
fi

BEGIN_MARK='<!-- compared: written by bench/compare.sh -->'
END_MARK='<!-- end of compared -->'
{
  echo "$BEGIN_MARK"
  echo
  echo "Compared on $(date -u +%Y-%m-%d) by \`bench/compare.sh\`: this part of the file is rewritten by every run."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)."
  echo "The console as bench/run.sh runs it, but for what each line changes; 100 connections in 10 accounts; wrk at nice"
  echo "$LOAD_NICE with $CONNECTIONS connections, $DURATION after a warm-up that ends once the JIT compiler has settled."
  echo
  echo "| start | JVM start to first 200 (median of $START_RUNS) | first page after start |"
  echo "|---|---|---|"
  printf '%s\n' "${ROWS_START[@]}"
  echo
  echo "| threads | page req/s | p50 ms | p99 ms | peak RSS | warm-up |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS_THREADS[@]}"
  echo
  echo "| 1 000 clients trickling sign-in bodies, a byte every 4 s | /login median | /login slowest | unanswered within 5 s |"
  echo "|---|---|---|---|"
  printf '%s\n' "${ROWS_SLOW[@]}"
  echo
  echo "Virtual threads that pinned their carrier: $PINNED_START while the console started and warmed up, $((PINNED_ALL - PINNED_START))"
  echo "under the page load, the API and sign-in posts after that (JFR, every pinning counted): ${PINNED_WHERE:-none}."
  echo
  echo "| collector | page req/s | p50 ms | p99 ms | peak RSS | warm-up |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS_COLLECTOR[@]}"
  echo
  echo "| memory | page req/s | p50 ms | p99 ms | peak RSS | warm-up |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS_MEMORY[@]}"
  [ "$LIMITED" = yes ] || echo "(no memory cgroup could be made on this machine: the 512 MiB lines are missing)"
  echo
  echo "Reproduce: \`apt-get install -y wrk && bench/compare.sh\` (as root for the memory cgroup)."
  echo
  echo "$END_MARK"
} >"$WORK/compared.md"
write_between_marks "$OUT" "$WORK/compared.md" "$BEGIN_MARK" "$END_MARK"
cat "$WORK/compared.md"
