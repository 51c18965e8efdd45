#!/usr/bin/env bash
# Checks every squid-config policy against the real lab servers (nginx, prosody, coturn):
#   lab/run-in-lab -- lab/proxy/selftest.sh [POLICY...]
# For each policy: squid on 127.0.0.1:3128, proxy_probe.py through it, result compared with the
# expected line of the table below. Exit 0 iff every probe gave the expected OK/FAIL.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ ${NETREADY_LAB:-} == 1 ]] || { echo "selftest: run me inside lab/run-in-lab" >&2; exit 2; }

PROBES=(https:rainbow.lab/api/rainbow/ping https:web.rainbow.lab/ wss:rainbow.lab/websocket
  http:web.rainbow.lab/ stun-tls:turn-eu1.rainbow.lab:443 stun-tcp:turn-eu1.rainbow.lab:80
  stun-tcp:turn-eu1.rainbow.lab:3478 stun-tls:turn-na1.rainbow.lab:443)
# expected result per probe (same order), O = OK, F = FAIL
declare -A EXPECT=(
  [allow-all]="O O O O O O O O"
  [connect-443-only]="O O O O O F F O"
  [deny-turn]="O O O O F F F F"
  [deny-websocket]="O O F O O F F O"
  [deny-websocket:403]="O O F O O F F O"
  [tls-intercept]="O O O O O F F O"
  [tls-intercept:bump-turn]="O O O O F F F F"
)
policies=("$@")
((${#policies[@]})) || policies=(allow-all connect-443-only deny-turn deny-websocket deny-websocket:403
  tls-intercept tls-intercept:bump-turn)

# squid works as user proxy: its dirs must be reachable by it (not under the 0700 lab work dir)
D=$(mktemp -d /tmp/netready-proxy-test.XXXXXX)
chmod 755 "$D"
sq=""
cleanup() { [[ -n $sq ]] && kill "$sq" 2>/dev/null && wait "$sq" 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

# the bump CA (squid-config would make the same if the files were missing)
openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days 1 \
  -subj "/O=netready lab/CN=netready lab intercepting proxy CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$D/bump-ca.key" -out "$D/bump-ca.pem" 2>/dev/null || { echo "selftest: openssl failed" >&2; exit 1; }

fails=0 passes=0
for spec in "${policies[@]}"; do
  pol=${spec%%:*} variant=${spec#"$pol"} extra=()
  case $variant in
    :403) extra=(--ws-deny 403) ;;
    :bump-turn) extra=(--bump-turn) ;;
  esac
  w=$D/${spec//:/-}
  cmd=$("$here/squid-config" --policy "$pol" --listen 127.0.0.1:3128 --work "$w" --log "$w/log" \
    --ca-cert "$D/bump-ca.pem" --ca-key "$D/bump-ca.key" "${extra[@]}") || { echo "FAIL $spec: squid-config"; ((fails++)); continue; }
  $cmd &
  sq=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/3128) 2>/dev/null && break; sleep 0.05; done
  mapfile -t out < <(python3 "$here/proxy_probe.py" --timeout 3 --proxy 127.0.0.1:3128 \
    --ca "$NETREADY_LAB_CA" --ca "$D/bump-ca.pem" "${PROBES[@]}")
  kill "$sq"
  wait "$sq"
  sq=""
  read -r -a exp <<<"${EXPECT[$spec]}"
  echo "== $spec ($cmd)"
  for i in "${!PROBES[@]}"; do
    line=${out[$i]:-"${PROBES[$i]} FAIL (no output)"}
    got=$(awk '{print substr($2,1,1)}' <<<"$line")
    # through an intercepting proxy, HTTPS must carry the bump CA's certificate
    if [[ $pol == deny-websocket || $pol == tls-intercept ]] && [[ ${PROBES[$i]} == https:* && $got == O ]] &&
       [[ $line != *"intercepting proxy CA"* ]]; then got=F; fi
    if [[ $got == "${exp[$i]}" ]]; then echo "  pass  $line"; ((passes++)); else echo "  WRONG (want ${exp[$i]}) $line"; ((fails++)); fi
  done
  echo "  access log:"
  sed 's/^/    /' "$w/log/squid-access.log"
done
echo "selftest: $passes passed, $fails failed"
((fails == 0))
