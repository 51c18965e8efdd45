# shellcheck shell=bash
# lab/lib/faults.sh: lab/scenario's [faults] (lab/scenarios/README.md) as real servers that
# misbehave: lab/faults/fault_server.py (the XMPP WebSocket endpoint behind nginx, TLS listeners
# that never answer), nginx's REST ping answering wrong, coturn's TURN/TLS with a certificate for
# another name. Sourced by lib/scenario-lab.sh after lib/lab.sh; reads the SCN_FAULT_* variables
# of plan.sh (lab/scenario_faults.py writes them; lab/scenario has validated every combination).
# shellcheck disable=SC2034,SC2153  # LAB_* are read by lab.sh's functions; SCN_* come from plan.sh

FAULT_SERVER=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/faults/fault_server.py

# What a captive portal or a half-broken load balancer would put where the service's JSON should
# be: an HTML page. nginx `return` strings: no single quote, no '$'.
FAULT_PING_503_PAGE='<!doctype html><html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1><p>No server is available to handle this request.</p></body></html>'
FAULT_PING_PORTAL_PAGE='<!doctype html><html><head><title>Guest network</title></head><body><h1>Welcome to the guest network</h1><p>Accept the terms of use to access the Internet.</p><form method="post" action="/login"><button>Accept</button></form></body></html>'

# Before any server starts: tells lab.sh's functions what to do differently, and takes port 443
# of a stalling host away from what normally listens there (nginx, or that region's coturn TLS).
lab_faults_prepare() {
  local h
  for h in $SCN_FAULT_TLS_STALL; do
    case $h in
      web) DOWN+=(nginx) ;; # its :80 (301 to https) goes too; the check never uses it
      turn-*) DOWN+=("$h-tls") ;;
    esac
  done
  # nginx keeps its /websocket location (TLS, the Upgrade headers) and proxies to the fault
  # server instead of prosody: the browser still talks to nginx, as it would to the real service.
  [[ -n $SCN_FAULT_XMPP ]] && LAB_XMPP_UPSTREAM="http://127.0.0.1:$PORT_XMPP_FAULT/xmpp-websocket"
  # The ping keeps its CORS headers (lab.sh): the service's own page reads status and body.
  case $SCN_FAULT_PING in
    503) LAB_PING_ANSWER="default_type text/html; return 503 '$FAULT_PING_503_PAGE';" ;;
    wrong-body) LAB_PING_ANSWER="default_type text/html; return 200 '$FAULT_PING_PORTAL_PAGE';" ;;
  esac
  LAB_TURN_WRONG_NAME=$SCN_FAULT_TURN_TLS_WRONG_NAME # lab_start_turn picks the wrong certificate
  return 0
}

# After lab_make_pki: a certificate the lab CA signs for HOST_WRONG_NAME only, so that a browser
# trusting the CA still refuses it for turn-REGION.rainbow.lab (a wrong name, not an unknown CA).
lab_make_wrong_name_cert() {
  [[ -n $SCN_FAULT_TURN_TLS_WRONG_NAME ]] || return 0
  (
    cd "$WORK"
    exec >>"$WORK/pki.log" 2>&1
    set -e
    openssl req -x509 -CA ca.pem -CAkey ca.key -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout wrong-name.key -out wrong-name.pem -days 7 -subj "/O=netready lab/CN=$HOST_WRONG_NAME" \
      -addext "subjectAltName=DNS:$HOST_WRONG_NAME" -addext "basicConstraints=critical,CA:FALSE" \
      -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth"
    cat wrong-name.pem ca.pem >wrong-name-chain.pem
  ) || {
    tail -n 20 "$WORK/pki.log" >&2
    echo "lab: could not make the wrong-name certificate" >&2
    exit "$RC_SETUP"
  }
}

# The fault servers, as services of lab_svc (lab_wait_ready waits for their ports).
lab_start_faults() {
  local h ip port names listen=() checks="" where=""
  local xmpp=127.0.0.1:$PORT_XMPP_FAULT
  if [[ -n $SCN_FAULT_XMPP ]]; then
    : >"$OUT/fault-xmpp.log"
    lab_svc fault-xmpp "$OUT/fault-xmpp.log" "tcp:$xmpp" \
      "fault     xmpp $SCN_FAULT_XMPP: $xmpp <- wss://$DOMAIN/websocket (nginx; prosody unused)" -- \
      python3 "$FAULT_SERVER" xmpp "$SCN_FAULT_XMPP" --listen "$xmpp" --domain "$DOMAIN"
  fi
  for h in $SCN_FAULT_TLS_STALL; do
    case $h in
      web) ip=$IP_WEB port=$PORT_HTTPS names="$HOST_WEB, $DOMAIN" ;;
      turn-*) ip=${TURN_IP[${h#turn-}]} port=$PORT_TURN_TLS names=${TURN_HOST[${h#turn-}]} ;;
    esac
    listen+=(--listen "$ip:$port") checks+=" tcp:$ip:$port" where+=" $ip:$port ($names)"
  done
  if ((${#listen[@]})); then
    : >"$OUT/fault-tls-stall.log"
    lab_svc fault-stall "$OUT/fault-tls-stall.log" "$checks" \
      "fault     tls-stall:$where: accepts, reads the ClientHello, never answers" -- \
      python3 "$FAULT_SERVER" tls-stall "${listen[@]}"
  fi
  return 0
}

# The faults that are variants of the usual servers, not services of their own (printed with
# the services' lines once they are ready).
lab_faults_say() {
  local r
  [[ -n $SCN_FAULT_PING ]] &&
    echo "lab: fault     REST ping https://$DOMAIN/api/rainbow/ping: $SCN_FAULT_PING (HTML, the usual CORS headers)" >&2
  for r in $SCN_FAULT_TURN_TLS_WRONG_NAME; do
    echo "lab: fault     turn-$r TURN/TLS :$PORT_TURN_TLS: a lab-CA certificate for $HOST_WRONG_NAME (UDP, TCP unchanged)" >&2
  done
  return 0
}
