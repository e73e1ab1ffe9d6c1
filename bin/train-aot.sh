#!/usr/bin/env bash
# Trains the JVM's ahead-of-time cache (JEP 483, 514, 515) for an extracted console jar: starts it once with
# ahead-of-time processed beans on an embedded file database, signs in as its first administrator and opens the
# Connected accounts page as a user does after a start, and stops it; at exit the JVM writes the classes it loaded and
# linked, and the method profiles it gathered, to DIR/app.aot. Starts with `-XX:AOTCache=DIR/app.aot` then skip that
# work, and the first page after a start runs code the JIT has profiled.
#
#   bin/train-aot.sh DIR      DIR holds connections-console-*.jar as written by `java -Djarmode=tools … extract`
#   JAVA=/path/to/java        the JDK 25 to train with (default: java on the PATH); the cache is only used by the same JDK
#   CACHE, CACHE_OPTION       another file and the option that writes it (bench/compare.sh trains a CDS archive so)
#   PAGES                     how many times the training run opens the page (default 200)
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
pages=${PAGES:-200}
password=training-only-password-0123456789
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
options=()
if [ -f "$dir/jvm.options" ]; then options=("@$dir/jvm.options"); fi
"$java" "${options[@]}" -Dspring.aot.enabled=true "$option=$cache" -jar "$jar" \
  --server.port="$port" --spring.datasource.url="jdbc:h2:file:$data/console" \
  --console.token-key=training-only-key-0123456789abcdef --console.data-dir="$data" --console.check.enabled=false \
  --console.admin.password="$password" \
  --logging.level.root=warn >/dev/null 2>&1 &
pid=$!

# One HTTP/1.0 exchange on 127.0.0.1: METHOD PATH COOKIES [FORM]; prints the response, headers and body.
exchange() {
  local form=${4:-}
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.0\r\nHost: localhost\r\nCookie: %s\r\n' "$1" "$2" "$3" >&3
  printf 'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' "${#form}" "$form" >&3
  cat <&3
  exec 3<&-
}
cookie() { sed -n "s/^Set-Cookie: $1=\([^;]*\);.*/\1/p" | tail -1; } # NAME: its value in a response's Set-Cookie
stop() { kill "$pid" 2>/dev/null; wait "$pid" || true; }

# Ready once its start has run to the end, the first administrator created: only then is signing in tried, since
# a sign-in that fails counts against the user's attempts.
for _ in $(seq 1 600); do
  ready=$(exchange GET /actuator/health/readiness "" 2>/dev/null | head -1 || true)
  case "$ready" in
    "HTTP/1.1 200 "*) served=yes; break ;;
  esac
  kill -0 "$pid" 2>/dev/null || { echo "the training run of $jar stopped before serving" >&2; exit 1; }
  sleep 0.1
done
[ "${served:-}" = yes ] || { stop; echo "the training run of $jar did not get ready" >&2; exit 1; }
login=$(exchange GET /login "" | tr -d '\r')
xsrf=$(cookie XSRF-TOKEN <<<"$login")
csrf=$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$login" | head -1)
session=$(exchange POST /login "XSRF-TOKEN=$xsrf" "username=admin&password=$password&_csrf=$csrf" | tr -d '\r' \
  | cookie SESSION)
[ -n "$session" ] || { stop; echo "the training run of $jar did not sign in" >&2; exit 1; }
for _ in $(seq 1 "$pages"); do
  page=$(exchange GET "/connections?region=us-east-1" "SESSION=$session")
  [[ $page == "HTTP/1.1 200 "* ]] \
    || { stop; echo "the training run of $jar did not serve the Connected accounts page" >&2; exit 1; }
done
stop
[ -s "$cache" ] || { echo "no cache was trained for $jar" >&2; exit 1; }
