#!/usr/bin/env bash
# Trains the JVM's ahead-of-time cache (JEP 483, 514, 515) for an extracted console jar: starts it once with
# ahead-of-time processed beans on an embedded file database, serves the sign-in page, and stops it; at exit the JVM
# writes the classes it loaded and linked, and the method profiles it gathered, to DIR/app.aot. Starts with
# `-XX:AOTCache=DIR/app.aot` then skip that work.
#
#   bin/train-aot.sh DIR      DIR holds connections-console-*.jar as written by `java -Djarmode=tools … extract`
#   JAVA=/path/to/java        the JDK 25 to train with (default: java on the PATH); the cache is only used by the same JDK
#   CACHE, CACHE_OPTION       another file and the option that writes it (bench/compare.sh trains a CDS archive so)
# DIR/jvm.options, when there, holds the JVM options the console runs with: the training run uses them too, since the
# JVM uses a cache only with the options it was trained with (compact object headers, for one).
# Needs only bash and java (no curl), so that the Dockerfile can run it too.
set -euo pipefail
dir=$1
java=${JAVA:-java}
jar=$(ls "$dir"/connections-console-*.jar)
cache=${CACHE:-$dir/app.aot}
option=${CACHE_OPTION:--XX:AOTCacheOutput}
port=${TRAINING_PORT:-18999}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
options=()
if [ -f "$dir/jvm.options" ]; then options=("@$dir/jvm.options"); fi
"$java" "${options[@]}" -Dspring.aot.enabled=true "$option=$cache" -jar "$jar" \
  --server.port="$port" --spring.datasource.url="jdbc:h2:file:$data/console" \
  --console.token-key=training-only-key-0123456789abcdef --console.data-dir="$data" --console.check.enabled=false \
  --logging.level.root=warn >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /login HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 \
    && head -1 <&3) 2>/dev/null || true)
  case "$status" in
    *" 200 "*) served=yes; break ;;
  esac
  kill -0 "$pid" 2>/dev/null || { echo "the training run of $jar stopped before serving" >&2; exit 1; }
  sleep 0.1
done
kill "$pid"
wait "$pid" || true
[ "${served:-}" = yes ] && [ -s "$cache" ] || { echo "no cache was trained for $jar" >&2; exit 1; }
