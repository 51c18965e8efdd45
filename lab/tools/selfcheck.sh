#!/usr/bin/env bash
# Lab self-check, run INSIDE the lab:   lab/run-in-lab -- lab/tools/selfcheck.sh [--chromium]
# DNS, HTTPS ping, XMPP over WebSocket, TURN allocations (coturn's turnutils_uclient, UDP/TCP/TLS,
# ports 3478/80/443, every region, in parallel), optionally headless Chromium relay candidates.
# One PASS/FAIL line per check; exit 0 iff all pass. Services in $NETREADY_LAB_DOWN are expected
# to fail (reported as "DOWN-OK").
set -uo pipefail
[[ ${NETREADY_LAB:-} == 1 ]] || { echo "selfcheck: run me inside lab/run-in-lab" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Names, ports and regions from lab/topology.env (through lab.sh, which only defines things).
# shellcheck source=../lib/lab.sh
source "$here/../lib/lab.sh"
fails=0
down=" ${NETREADY_LAB_DOWN:-} "
report() { # name expect_down(0/1) rc detail
  local verdict
  if (($3 == 0)); then verdict=PASS; ((fails += $2)); [[ $2 == 1 ]] && verdict="FAIL(up but --down)"
  elif (($2)); then verdict=DOWN-OK
  else verdict=FAIL; ((fails++)); fi
  printf '%-22s %-40s %s\n' "$verdict" "$1" "$4"
}
isdown() { local s; for s; do [[ $down == *" $s "* ]] && return 0; done; return 1; }

while read -r n _; do
  a=$(getent ahostsv4 "$n" | awk 'NR==1{print $1}')
  report "dns $n" "$(isdown dns && echo 1 || echo 0)" "$([[ -n $a ]]; echo $?)" "$a"
done < <(lab_names)
getent hosts "missing.$DOMAIN" >/dev/null
rc=$?
report "dns missing.$DOMAIN" 0 "$([[ $rc == 2 ]]; echo $?)" "getent rc=$rc (2 = not found)"

d=$(isdown nginx dns && echo 1 || echo 0)
body=$(curl -sS --max-time 5 --cacert "$NETREADY_LAB_CA" -D "$TMPDIR/h" "https://$DOMAIN/api/rainbow/ping" 2>&1)
ok=1; [[ $body == '{"status":"OK"}' ]] && grep -qi '^content-type: application/json' "$TMPDIR/h" &&
  grep -qi '^access-control-allow-origin: \*' "$TMPDIR/h" && ok=0
report "https ping" "$d" "$ok" "$body"
ct=$(curl -sS --max-time 5 --cacert "$NETREADY_LAB_CA" -o /dev/null -w '%{http_code} %{content_type}' "https://$HOST_WEB/" 2>&1)
report "https web root" "$d" "$([[ $ct == 200* ]]; echo $?)" "${ct%%$'\n'*}"
ws=$(node "$here/ws_check.mjs" "wss://$DOMAIN/websocket" "$DOMAIN" 2>&1 >/dev/null)
rc=$?
report "xmpp wss" "$(isdown nginx dns prosody && echo 1 || echo 0)" $rc "$(tail -1 <<<"$ws")"

declare -A job
for r in "${TURN_REGIONS[@]}"; do
  for m in "udp $PORT_TURN" "udp $PORT_TURN_ALT" "tcp $PORT_TURN" "tcp $PORT_TURN_ALT" "tls $PORT_TURN_TLS"; do
    read -r proto port <<<"$m"
    flags=(-p "$port")
    [[ $proto == tcp ]] && flags+=(-t)
    [[ $proto == tls ]] && flags+=(-S)
    log=$TMPDIR/uclient-$r-$proto-$port.log
    timeout 20 turnutils_uclient -u "$NETREADY_TURN_USER" -w "$NETREADY_TURN_PASS" -y -n 2 -m 1 \
      "${flags[@]}" "${TURN_HOST[$r]}" >"$log" 2>&1 &
    job["$r $proto $port"]=$!
  done
done
for k in $(printf '%s\n' "${!job[@]}" | tr ' ' '_' | sort); do
  key=${k//_/ }
  read -r r proto port <<<"$key"
  wait "${job[$key]}"
  rc=$?
  d=$(isdown dns "turn-$r" "turn-$r-$proto" && echo 1 || echo 0)
  report "turn $r $proto:$port" "$d" "$rc" "$(grep -m1 -oE 'Total lost packets [0-9]+|ERROR: .*' "$TMPDIR/uclient-$r-$proto-$port.log")"
done

if [[ ${1:-} == --chromium ]]; then
  node "$here/chromium_turn_check.mjs" --page "https://$HOST_WEB/" >"$TMPDIR/chromium.jsonl" 2>&1
  while read -r line; do
    [[ $line == '{"url"'* ]] || continue
    url=$(node -e 'const r=JSON.parse(process.argv[1]);console.log(r.url)' "$line")
    relay=$(node -e 'const r=JSON.parse(process.argv[1]);console.log(r.relay?"relay@"+r.candidates.find(c=>c.type==="relay").ms+"ms":"no relay "+JSON.stringify(r.errors.map(e=>e.code)))' "$line")
    r=${url#*turn-}; r=${r%%.*}
    case $url in turns:*) proto=tls ;; *udp) proto=udp ;; *) proto=tcp ;; esac
    report "chromium $url" "$(isdown dns "turn-$r" "turn-$r-$proto" && echo 1 || echo 0)" "$([[ $relay == relay* ]]; echo $?)" "$relay"
  done <"$TMPDIR/chromium.jsonl"
fi
echo "selfcheck: $fails failure(s)"
((fails == 0))
