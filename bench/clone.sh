#!/usr/bin/env bash
# Cloning through the console against cloning directly from the same Git host (bench/git_provider.py, a stand-in
# GitHub on this machine): a repository of about SIZE_MIB MiB of incompressible files, cloned RUNS times each way,
# interleaved; the console's heap after a full GC before and after; then the Connected accounts page under wrk alone,
# beside CLONES clones at once through the console and beside as many directly from the Git host (what the machine's
# shared cores cost the page whoever relays), ROUNDS rounds interleaved. Writes its figures between the marks in
# docs/performance.md.
#
# The Git host and the git clients stand in for other machines (GitHub, the CI runners): they run at the lowest CPU
# priority (nice 19), so the console has the cores it would have on a machine of its own and what is measured is its
# own share of the work, the relay.
#
#   apt-get install -y wrk git python3 && bench/clone.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=docs/performance.md
SIZE_MIB=${SIZE_MIB:-100}
RUNS=${RUNS:-3}
CLONES=${CLONES:-8}
ROUNDS=${ROUNDS:-3}
PROVIDER_PORT=${PROVIDER_PORT:-18098}
# shellcheck source=bench/lib.sh
source bench/lib.sh
command -v git >/dev/null && command -v python3 >/dev/null || { echo "needs git and python3" >&2; exit 1; }

prepare_app

echo "Making a repository of $SIZE_MIB MiB…"
git init -q -b main "$WORK/source"
for i in $(seq 1 "$SIZE_MIB"); do head -c 1048576 /dev/urandom >"$WORK/source/file-$i.bin"; done
git -C "$WORK/source" add -A
git -C "$WORK/source" -c user.name=bench -c user.email=bench@example.com commit -q -m "$SIZE_MIB MiB"
mkdir -p "$WORK/git/bench"
git clone -q --bare "$WORK/source" "$WORK/git/bench/big.git"
# Packed once, as a Git host keeps its repositories: a clone then sends the pack's objects as they are stored, where
# loose objects would be compressed anew for every clone.
git -C "$WORK/git/bench/big.git" repack -a -d -q
REPO_BYTES=$(du -sb "$WORK/git/bench/big.git/objects" | awk '{print $1}')

nice -n 19 python3 bench/git_provider.py "$PROVIDER_PORT" "$WORK/git" &
PROVIDER_PID=$!
trap 'kill ${APP_PID:-} "$PROVIDER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PROVIDER="http://127.0.0.1:$PROVIDER_PORT"
APP_OPTS=(--spring.security.oauth2.client.registration.github.client-id=bench-client
  --spring.security.oauth2.client.registration.github.client-secret=bench-secret
  --spring.security.oauth2.client.provider.github.authorization-uri="$PROVIDER/login/oauth/authorize"
  --spring.security.oauth2.client.provider.github.token-uri="$PROVIDER/login/oauth/access_token"
  --spring.security.oauth2.client.provider.github.user-info-uri="$PROVIDER/api/user"
  --console.providers.github.api-url="$PROVIDER/api" --console.providers.github.git-url="$PROVIDER/git")

mkdir -p "$WORK/db"
start_app "$WORK/db"
JAR="$WORK/cookies"
await_ready
sign_in "$JAR" || { echo "could not sign in" >&2; exit 1; }
CONSOLE="http://127.0.0.1:$PORT"
csrf() { curl -s -b "$JAR" -c "$JAR" "$CONSOLE/connections/new?region=us-east-1" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1; }
post() { # $1 = path, rest = form fields; prints where the console redirected to
  local path=$1
  shift
  local fields=(--data-urlencode "_csrf=$(csrf)")
  for field in "$@"; do fields+=(--data-urlencode "$field"); done
  curl -s -o /dev/null -w '%{redirect_url}' -b "$JAR" -c "$JAR" "${fields[@]}" "$CONSOLE$path"
}

echo "Connecting, linking and making a token…"
post /connections region=us-east-1 name=bench-gh providerType=GITHUB tags= >/dev/null
ID=$(curl -s -b "$JAR" "$CONSOLE/connections?region=us-east-1" | tr '>' '\n' \
  | sed -n 's/.*value="\([0-9a-f]\{32\}\)" id="select-bench-gh".*/\1/p' | head -1)
curl -s -L -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "_csrf=$(csrf)" "$CONSOLE/connections/$ID/handshake"
LINK=$(post "/connections/$ID/links" repository=bench/big)
# A browser follows every redirect, which takes the flash meant for that page; so does the bench, before it asks for
# the token whose secret the next flash carries.
curl -s -o /dev/null -b "$JAR" -c "$JAR" "$LINK"
SECRET=$(curl -s -L -b "$JAR" -c "$JAR" --data-urlencode "_csrf=$(csrf)" --data-urlencode name=bench \
  --data-urlencode days=1 "$LINK/tokens" | sed -n 's/.*id="new-token-secret" class="secret">\(ccgit_[^<]*\)<.*/\1/p')
[ -n "$SECRET" ] || { echo "no link token: the handshake or the link failed" >&2; exit 1; }
THROUGH="http://ci:$SECRET@127.0.0.1:$PORT/git-http/123456789012/us-east-1/$ID/bench/big.git"
DIRECT="http://x-access-token:gho_benchonlytoken000000000000000000000@127.0.0.1:$PROVIDER_PORT/git/bench/big.git"

clone_seconds() { # $1 = URL; a bare clone, timed; a failed clone ends the run (set -e is off inside $(…))
  local dir="$WORK/clone-$RANDOM$RANDOM" started
  started=$(date +%s%N)
  if ! nice -n 19 git clone -q --bare "$1" "$dir"; then
    echo "a clone failed: no figure is written" >&2
    kill "$$"
    exit 1
  fi
  echo "$(( ($(date +%s%N) - started) / 1000000 ))"
  rm -rf "$dir"
}
heap_mib() { # the console's heap in use after a full GC
  "$JDK_BIN/jcmd" "$APP_PID" GC.run >/dev/null
  "$JDK_BIN/jstat" -gc "$APP_PID" | awk 'NR == 2 {printf "%.0f", ($3 + $4 + $6 + $8) / 1024}'
}

echo "Warming up…"
for _ in 1 2; do clone_seconds "$THROUGH" >/dev/null; clone_seconds "$DIRECT" >/dev/null; done
HEAP_BEFORE=$(heap_mib)
DIRECT_MS=() THROUGH_MS=()
for _ in $(seq 1 "$RUNS"); do
  DIRECT_MS+=("$(clone_seconds "$DIRECT")")
  THROUGH_MS+=("$(clone_seconds "$THROUGH")")
done
HEAP_AFTER=$(heap_mib)
DIRECT_MEDIAN=$(printf '%s\n' "${DIRECT_MS[@]}" | median)
THROUGH_MEDIAN=$(printf '%s\n' "${THROUGH_MS[@]}" | median)
rate() { awk -v b="$REPO_BYTES" -v ms="$1" 'BEGIN {printf "%.1f", b / 1048576 / (ms / 1000)}'; }

echo "The page alone, beside $CLONES clones through the console and beside $CLONES clones directly, $ROUNDS rounds…"
first_page_cookie() {
  COOKIE=$(awk '$6 == "SESSION" {print "SESSION=" $7}' "$JAR")
  PAGE_URL="$CONSOLE/connections?region=us-east-1"
}
first_page_cookie
warm_up -H "Cookie: $COOKIE" "$PAGE_URL" >/dev/null
FAILED=0
page_round() { # $1 = the clone URL, or nothing for the page alone; prints the page's p99, the MiB the clones had
  # received when the load ended, and how many of them failed
  local pids=() p99 received failed=0
  if [ -n "$1" ]; then
    for i in $(seq 1 "$CLONES"); do nice -n 19 git clone -q --bare "$1" "$WORK/many-$i" & pids+=($!); done
  fi
  p99=$(load -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $COOKIE" "$PAGE_URL" | awk '$1 == "99%" {print $2}')
  received=$(du -scm "$WORK"/many-* 2>/dev/null | tail -1 | cut -f1 || true)
  for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
  rm -rf "$WORK"/many-*
  echo "$(to_ms "$p99") ${received:-0} $failed"
}
ALONE_MS=() WITH_MS=() WITH_MIB=() BESIDE_MS=() BESIDE_MIB=()
for _ in $(seq 1 "$ROUNDS"); do
  read -r ms _ _ <<<"$(page_round "")"
  ALONE_MS+=("$ms")
  read -r ms mib failed <<<"$(page_round "$THROUGH")"
  WITH_MS+=("$ms") WITH_MIB+=("$mib") FAILED=$((FAILED + failed))
  read -r ms mib failed <<<"$(page_round "$DIRECT")"
  BESIDE_MS+=("$ms") BESIDE_MIB+=("$mib") FAILED=$((FAILED + failed))
done
PEAK_RSS=$(peak_rss_mib)

BEGIN_MARK='<!-- clone: written by bench/clone.sh -->'
END_MARK='<!-- end of clone -->'
{
  echo "$BEGIN_MARK"
  echo
  echo "Measured on $(date -u +%Y-%m-%d) by \`bench/clone.sh\`: this part of the file is rewritten by every run."
  echo "Machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -1); the Git host is \`git http-backend\` behind"
  echo "bench/git_provider.py on the same machine, it and the git clients at nice 19. A bare clone of a repository of"
  echo "$SIZE_MIB MiB of incompressible files ($((REPO_BYTES / 1048576)) MiB of objects), $RUNS times each way, interleaved, after two"
  echo "of each to warm up:"
  echo
  echo "| clone | median | each | rate |"
  echo "|---|---|---|---|"
  echo "| directly from the Git host | $DIRECT_MEDIAN ms | ${DIRECT_MS[*]} ms | $(rate "$DIRECT_MEDIAN") MiB/s |"
  echo "| through the console | $THROUGH_MEDIAN ms | ${THROUGH_MS[*]} ms | $(rate "$THROUGH_MEDIAN") MiB/s |"
  echo
  echo "- through the console at $(awk -v d="$DIRECT_MEDIAN" -v t="$THROUGH_MEDIAN" 'BEGIN {printf "%.0f", 100 * d / t}') % of the direct rate (target ≥ 80 %);"
  echo "- the console's heap in use after a full GC: $HEAP_BEFORE MiB before the timed clones, $HEAP_AFTER MiB after"
  echo "  them ($((RUNS * SIZE_MIB)) MiB streamed meanwhile); peak RSS $PEAK_RSS MiB;"
  echo "- the Connected accounts page's p99 at $CONNECTIONS connections, the median of $ROUNDS rounds of $DURATION, interleaved"
  echo "  (each round's in brackets):"
  echo "  - alone: $(printf '%s\n' "${ALONE_MS[@]}" | median) ms (${ALONE_MS[*]});"
  echo "  - while $CLONES clones ran at once through the console: $(printf '%s\n' "${WITH_MS[@]}" | median) ms (${WITH_MS[*]}), the"
  echo "    clones receiving ${WITH_MIB[*]} MiB in the round;"
  echo "  - while $CLONES clones ran at once directly from the Git host, the console not in their way (the machine's share):"
  echo "    $(printf '%s\n' "${BESIDE_MS[@]}" | median) ms (${BESIDE_MS[*]}), the clones receiving ${BESIDE_MIB[*]} MiB in the round;"
  echo "  - $FAILED of the $((2 * ROUNDS * CLONES)) clones failed."
  echo
  echo "Reproduce: \`apt-get install -y wrk git python3 && bench/clone.sh\`."
  echo
  echo "$END_MARK"
} >"$WORK/clone.md"
if grep -qF "$BEGIN_MARK" "$OUT"; then
  write_between_marks "$OUT" "$WORK/clone.md" "$BEGIN_MARK" "$END_MARK"
else
  { echo; echo "## Cloning through the console"; echo; cat "$WORK/clone.md"; } >>"$OUT"
fi
cat "$WORK/clone.md"
