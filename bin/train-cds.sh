#!/usr/bin/env bash
# Trains the class data sharing archive of an extracted console jar: starts it once with ahead-of-time processed
# beans, serves one sign-in page (so the classes of a first request are archived too), and stops it.
#
#   bin/train-cds.sh DIR      DIR holds connections-console-*.jar as written by `java -Djarmode=tools … extract`;
#                             the archive is written to DIR/app.jsa
# Needs only bash and java (no curl), so that the Dockerfile can run it too.
set -euo pipefail
dir=$1
jar=$(ls "$dir"/connections-console-*.jar)
port=${TRAINING_PORT:-18999}
java -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit="$dir/app.jsa" -jar "$jar" \
  --server.port="$port" --spring.datasource.url=jdbc:h2:mem:training --console.token-key=training-only-key-0123456789abcdef \
  --console.data-dir="$(mktemp -d)" --console.check.enabled=false --logging.level.root=warn >/dev/null 2>&1 &
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
[ "${served:-}" = yes ] && [ -s "$dir/app.jsa" ] || { echo "no class data archive was trained for $jar" >&2; exit 1; }
