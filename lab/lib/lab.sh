# shellcheck shell=bash
# lab/lib/lab.sh: the lab's servers as functions, shared by lab/run-in-lab (everything on `lo` in
# one namespace) and lab/scenario (servers in the "internet" namespace behind a router).
# Source it from bash; it only defines variables and functions.
#
# The caller sets, before calling any lab_* function:
#   WORK   private work dir (0700): configs, CA key, the TURN password -- never logged
#   OUT    log dir
#   DOWN   array of --down names (see LAB_DOWN_ALLOWED)
#   RC_SETUP  exit status when a service cannot start (run-in-lab: 125)
# Functions that start services call lab_svc; lab_wait_ready then waits for every listed port.
# shellcheck disable=SC2015,SC2034  # A && B || C on purpose; variables used by the callers

# ---- lab topology: names, addresses, ports and --down names come from lab/topology.env ----------
# shellcheck source-path=SCRIPTDIR source=../topology.env
source "$(dirname "${BASH_SOURCE[0]}")/../topology.env"
read -r -a TURN_REGIONS <<<"$TURN_REGIONS" # the file has a word list; callers loop over an array
declare -A TURN_IP=() TURN_HOST=()
for _r in "${TURN_REGIONS[@]}"; do
  _k=TURN_IP_$_r && TURN_IP[$_r]=${!_k:?"lab/topology.env: no $_k"}
  _k=TURN_HOST_$_r && TURN_HOST[$_r]=${!_k:?"lab/topology.env: no $_k"}
done
unset _r _k
LAB_READY_TIMEOUT=${LAB_READY_TIMEOUT:-5} # seconds each service gets to listen

# Every lab name and its address (DNS host-records, certificate SANs, scenario block_hosts).
lab_names() { # prints "name ip" lines
  echo "$DOMAIN $IP_WEB"
  echo "$HOST_WEB $IP_WEB"
  local r
  for r in "${TURN_REGIONS[@]}"; do echo "${TURN_HOST[$r]} ${TURN_IP[$r]}"; done
  [[ ${LAB_WITH_SUPPORT:-0} == 1 ]] && echo "$HOST_SUPPORT $IP_SUPPORT"
  return 0
}

lab_is_down() { [[ " ${DOWN[*]-} " == *" $1 "* ]]; }

# The netready profile of the lab. $1 = creds: include NETREADY_TURN_USER/PASS.
# $2 (optional) = a JSON object written as the profile's "network" field.
lab_profile_json() {
  local r h sep=""
  printf '{\n  "name": "rainbow-lab",\n  "https": [\n'
  printf '    {"url": "https://%s/", "purpose": "resources", "section": "§5.4"},\n' "$HOST_WEB"
  printf '    {"url": "https://%s/api/rainbow/ping", "purpose": "rest", "expect_body": "\\"status\\":\\"OK\\"", "section": "§5.4"}\n' "$DOMAIN"
  printf '  ],\n  "xmpp": {"url": "wss://%s/websocket", "domain": "%s"},\n  "turn": [\n' "$DOMAIN" "$DOMAIN"
  for r in "${TURN_REGIONS[@]}"; do
    h=${TURN_HOST[$r]}
    printf '%s    {"region": "%s", "urls": ["turn:%s:%s?transport=udp", "turn:%s:%s?transport=tcp", "turns:%s:%s?transport=tcp"]' \
      "$sep" "$r" "$h" "$PORT_TURN" "$h" "$PORT_TURN_ALT" "$h" "$PORT_TURN_TLS"
    [[ ${1:-} == creds ]] && printf ', "username": "%s", "credential": "%s"' "$NETREADY_TURN_USER" "$NETREADY_TURN_PASS"
    printf '}'
    sep=$',\n'
  done
  printf '\n  ]'
  [[ -n ${2:-} ]] && printf ',\n  "network": %s' "$2"
  printf '\n}\n'
}

# ---- services -----------------------------------------------------------------------------------
declare -A SVC_PID SVC_LOG SVC_DESC SVC_CHECKS
SVC_ORDER=()
# lab_svc NAME LOG "CHECKS" "DESCRIPTION" -- COMMAND...   CHECKS: tcp:IP:PORT / udp:IP:PORT ...
# Starts COMMAND in the background (stdout+stderr appended to LOG) in the caller's namespaces.
lab_svc() {
  local name=$1
  SVC_LOG[$name]=$2 SVC_CHECKS[$name]=$3 SVC_DESC[$name]=$4
  shift 5
  "$@" </dev/null >>"${SVC_LOG[$name]}" 2>&1 &
  SVC_PID[$name]=$!
  SVC_ORDER+=("$name")
}

# TURN on PORT_TURN_ALT (80): coturn's alt-listening-port only opens with >= 2 listening IPs
# (RFC 5780), so TCP and UDP PORT_TURN_ALT of each TURN address are DNATed to its PORT_TURN
# listener. $1 = nft table name, $2 = hooks: "output" (clients in this namespace) and/or
# "prerouting" (clients behind a router).
lab_turn80_nat() {
  local table=$1 hooks=$2 hook r
  {
    echo "table ip $table {"
    for hook in $hooks; do
      echo "  chain $hook {"
      echo "    type nat hook $hook priority -100; policy accept;"
      for r in "${TURN_REGIONS[@]}"; do
        echo "    ip daddr ${TURN_IP[$r]} tcp dport $PORT_TURN_ALT dnat to ${TURN_IP[$r]}:$PORT_TURN"
        echo "    ip daddr ${TURN_IP[$r]} udp dport $PORT_TURN_ALT dnat to ${TURN_IP[$r]}:$PORT_TURN"
      done
      echo "  }"
    done
    echo "}"
  } >"$WORK/nft-turn80.conf"
  nft -f "$WORK/nft-turn80.conf"
}

# dnsmasq: exact names only (address=/name/ would answer every sub-name too, e.g.
# missing.rainbow.lab); '--address=/#/' makes every other name NXDOMAIN, nothing is forwarded.
# $1 = listen addresses (comma separated); further args = lab names answered NXDOMAIN.
lab_start_dns() {
  lab_is_down dns && return 0
  local listen=$1 name ip names="" checks="" a
  shift
  local fail=" $* "
  local args=(--keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --user=root --group=root --bind-interfaces --listen-address="$listen" --port="$PORT_DNS"
    --pid-file="$WORK/dnsmasq.pid" --log-queries --log-facility="$OUT/dnsmasq.log" --local-ttl=1
    --address=/#/)
  while read -r name ip; do
    [[ $fail == *" $name "* ]] && continue
    args+=(--host-record="$name,$ip")
    names+=" $name"
  done < <(lab_names)
  [[ -n ${*} ]] && names+=" (NXDOMAIN: $*)"
  local where=""
  for a in ${listen//,/ }; do
    [[ $a == 127.0.0.1 ]] && checks+=" udp:$a:$PORT_DNS tcp:$a:$PORT_DNS" || checks+=" udp:$a:$PORT_DNS"
    where+=" + $a:$PORT_DNS"
  done
  : >"$OUT/dnsmasq.log"
  lab_svc dns "$OUT/dnsmasq.log" "$checks" \
    "dns       dnsmasq ${where# + }:$names (anything else NXDOMAIN)" -- \
    dnsmasq "${args[@]}"
}

# prosody (needs no certificate: nginx terminates TLS); only on 127.0.0.1.
lab_start_prosody() {
  lab_is_down prosody && return 0
  mkdir -p "$WORK/prosody/data"
  cat >"$WORK/prosody/prosody.cfg.lua" <<EOF
-- netready lab prosody (generated by lab/lib/lab.sh)
daemonize = false
run_as_root = true
pidfile = "$WORK/prosody/prosody.pid"
data_path = "$WORK/prosody/data"
log = { { levels = { min = "info" }, to = "file", filename = "$OUT/prosody.log" } }
admins = { }
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "time"; "version"; "uptime"; "websocket"; }
modules_disabled = { "s2s"; "offline"; }
authentication = "internal_hashed"
allow_registration = false
c2s_require_encryption = false
c2s_ports = { }
s2s_ports = { }
http_ports = { $PORT_XMPP_HTTP }
http_interfaces = { "127.0.0.1" }
https_ports = { }
http_default_host = "$DOMAIN"
trusted_proxies = { "127.0.0.1" }
consider_websocket_secure = true
cross_domain_websocket = true
VirtualHost "$DOMAIN"
EOF
  : >"$OUT/prosody.log"
  lab_svc prosody "$OUT/prosody.log" "tcp:127.0.0.1:$PORT_XMPP_HTTP" \
    "prosody   127.0.0.1:$PORT_XMPP_HTTP/xmpp-websocket <- wss://$DOMAIN/websocket (VirtualHost $DOMAIN)" -- \
    prosody --config "$WORK/prosody/prosody.cfg.lua"
}

# Servers log what clients send: coturn the TURN username, nginx's error log a request line with
# its query (?token=...). The lab's logs are outputs of the tool like the report, so coturn's and
# nginx's error output reach $OUT only through this filter: this run's TURN username and password,
# and the values of the query parameters core treats as secrets (isSecretParam in
# core/src/profile/profile.cpp: *token, auth, key, apikey, api_key, password, secret, sig,
# signature) become [redacted] (tests/e2e/secrets_audit.mjs checks it). The script lives in $WORK:
# a command line would show the password to ps.
lab_write_redact_sed() {
  local v
  : >"$WORK/redact.sed"
  for v in "$NETREADY_TURN_USER" "$NETREADY_TURN_PASS"; do
    printf 's/%s/[redacted]/g\n' "$(sed 's/[]\/$*.^[|+?(){}]/\\&/g' <<<"$v")" >>"$WORK/redact.sed"
  done
  printf '%s\n' 's/([?&;]([^?&;=[:space:]"]*token|auth|key|apikey|api_key|password|secret|sig|signature)=)[^&;[:space:]"]*/\1[redacted]/Ig' >>"$WORK/redact.sed"
}
lab_redacted() { # lab_redacted CMD...: CMD's stdout and stderr, filtered line by line
  "$@" 2>&1 | sed -u -E -f "$WORK/redact.sed"
}

# A new CA every run (EC P-256, 7 days) signing one server certificate for every lab name and
# address, and an NSS db in $WORK/home/.pki/nssdb trusting the CA (Chromium's trust store).
# Sets NETREADY_TURN_USER / NETREADY_TURN_PASS (random per run) and writes their log filter.
lab_make_pki() {
  NETREADY_TURN_USER=lab-$(od -An -N6 -tx1 /dev/urandom | tr -d " \n")
  printf -v NETREADY_TURN_PASS 'labsecret-%08x%08x' "$SRANDOM" "$SRANDOM"
  lab_write_redact_sed
  mkdir -p "$WORK/home/.pki/nssdb" "$WORK/tmp"
  local san="" name ip
  declare -A seen=()
  while read -r name ip; do
    san+=",DNS:$name"
    [[ -n ${seen[$ip]:-} ]] || san+=",IP:$ip"
    seen[$ip]=1
  done < <(lab_names)
  san=${san#,}
  (
    cd "$WORK"
    exec >"$WORK/pki.log" 2>&1
    set -e
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
      -days 7 -subj "/O=netready lab/CN=netready lab CA ${EPOCHSECONDS}" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "subjectKeyIdentifier=hash"
    certutil -N -d sql:home/.pki/nssdb --empty-password &
    openssl req -x509 -CA ca.pem -CAkey ca.key -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
      -keyout server.key -out server.pem -days 7 -subj "/O=netready lab/CN=$HOST_WEB" \
      -addext "subjectAltName=$san" -addext "basicConstraints=critical,CA:FALSE" \
      -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=serverAuth"
    cat server.pem ca.pem >server-chain.pem
    wait $!
    certutil -A -d sql:home/.pki/nssdb -n netready-lab-ca -t "C,," -i ca.pem
  ) || { cat "$WORK/pki.log" >&2; echo "lab: could not create the lab CA / NSS db" >&2; exit "$RC_SETUP"; }
}

# nginx: $IP_WEB:$PORT_HTTPS TLS (page, /api/rainbow/ping, /websocket -> prosody), :$PORT_HTTP -> 301.
# Serves WEB_ROOT; WASM_DIR (if set) at /wasm/.
lab_start_nginx() {
  lab_is_down nginx && return 0
  local wasm_loc="" wasm_desc=""
  # lab/scenario [faults] (lib/faults.sh) may replace the REST ping's answer (nginx directives)
  # and the WebSocket's backend; the CORS headers and the proxying stay as they are.
  local ping_answer="default_type application/json; return 200 '{\"status\":\"OK\"}';"
  [[ -n ${LAB_PING_ANSWER:-} ]] && ping_answer=$LAB_PING_ANSWER
  local xmpp_upstream=${LAB_XMPP_UPSTREAM:-http://127.0.0.1:$PORT_XMPP_HTTP/xmpp-websocket}
  if [[ -n ${WASM_DIR:-} ]]; then
    # The bookmarklet loads the module from here onto other sites' pages: cross-origin, so CORS.
    wasm_loc="location /wasm/ { alias $WASM_DIR/; add_header Access-Control-Allow-Origin * always; add_header Cache-Control no-store always; }"
    wasm_desc=" /wasm/=$WASM_DIR"
  fi
  mkdir -p "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
# netready lab nginx (generated by lab/lib/lab.sh)
# Workers as root: the checkout may sit below a directory others cannot enter (mktemp -d is
# 0700), and this nginx lives only in the throw-away lab namespace.
user root;
worker_processes 1;
error_log stderr info; # through lab_redacted into nginx-error.log
events { worker_connections 512; }
http {
    types {
        text/html html htm;  text/css css;  text/javascript js mjs;  application/json json map;
        application/wasm wasm;  text/plain txt md;  text/xml xml;  image/svg+xml svg;
        image/png png;  image/jpeg jpeg jpg;  image/gif gif;  image/webp webp;  image/x-icon ico;
        font/woff woff;  font/woff2 woff2;
    }
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css text/plain text/javascript application/json text/xml image/svg+xml;
    # The request line without its query (it may carry a token): "?[redacted]" says there was one.
    map \$request_uri \$lab_path { "~^(?<p>[^?]*)\\?" "\$p?[redacted]"; default \$request_uri; }
    log_format lab '\$remote_addr [\$time_local] \$host "\$request_method \$lab_path \$server_protocol" \$status \$body_bytes_sent "\$http_user_agent" \$request_time';
    access_log $OUT/nginx-access.log lab;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server_tokens off;

    server {
        listen $IP_WEB:$PORT_HTTP;
        server_name $HOST_WEB $DOMAIN;
        return 301 https://\$host\$request_uri;
    }
    server {
        listen $IP_WEB:$PORT_HTTPS ssl http2;
        server_name $HOST_WEB $DOMAIN;
        ssl_certificate $WORK/server-chain.pem;
        ssl_certificate_key $WORK/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $WEB_ROOT;
        index index.html;
        add_header Cache-Control no-store always;

        location / { try_files \$uri \$uri/ =404; }
        # netready's own files, which the bookmarklet and embeds load onto other sites' pages (CORS).
        location ~ ^/(bookmarklet/|netready\.mjs\$|messages\.mjs\$|embed\.mjs\$|embed_view\.js\$|vocabulary\.js\$) {
            add_header Access-Control-Allow-Origin * always;
            add_header Cache-Control no-store always;
        }
        location = /api/rainbow/ping {
            # As the service does for its own web app only: another site (the support page) gets
            # an opaque answer, readable status and body need the service's origin.
            add_header Access-Control-Allow-Origin https://$HOST_WEB always;
            add_header Vary Origin always;
            add_header Cache-Control no-store always;
            $ping_answer
        }
        location /websocket {
            proxy_pass $xmpp_upstream;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_read_timeout 900s;
            proxy_send_timeout 900s;
        }
        # The support desk receiving reports users choose to send (lab/support/report_store.py).
        location = /api/support/reports {
            client_max_body_size 512k;
            proxy_pass http://127.0.0.1:$PORT_REPORT_STORE;
        }
        location /api/support/reports/ { proxy_pass http://127.0.0.1:$PORT_REPORT_STORE; }
        $wasm_loc
    }
}
EOF
  : >"$OUT/nginx-error.log"
  : >"$OUT/nginx-access.log"
  lab_svc nginx "$OUT/nginx-error.log" "tcp:$IP_WEB:$PORT_HTTPS tcp:$IP_WEB:$PORT_HTTP" \
    "nginx     $IP_WEB:$PORT_HTTPS TLS (:$PORT_HTTP -> 301) $HOST_WEB $DOMAIN root=$WEB_ROOT$wasm_desc" -- \
    lab_redacted nginx -e stderr -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" \
    -g "daemon off; pid $WORK/nginx/nginx.pid;"
}

# The support desk behind nginx's /api/support/reports: stores what users send in
# $OUT/support-reports/ (the tests read it there).
lab_start_report_store() {
  lab_is_down nginx && return 0
  : >"$OUT/report-store.log"
  lab_svc report-store "$OUT/report-store.log" "tcp:127.0.0.1:$PORT_REPORT_STORE" \
    "reports   127.0.0.1:$PORT_REPORT_STORE behind https://$HOST_WEB/api/support/reports -> $OUT/support-reports/" -- \
    python3 "$(dirname "${BASH_SOURCE[0]}")/../support/report_store.py" \
    --listen "127.0.0.1:$PORT_REPORT_STORE" --dir "$OUT/support-reports"
}

# lab/scenario: the support page on its own nginx at $IP_SUPPORT:$PORT_HTTPS ($HOST_SUPPORT),
# independent of Rainbow's servers (so a scenario may take nginx down or block web.rainbow.lab).
lab_start_support_web() {
  local wasm_loc=""
  [[ -n ${WASM_DIR:-} ]] && wasm_loc="location /wasm/ { alias $WASM_DIR/; }"
  mkdir -p "$WORK/support/tmp"
  cat >"$WORK/support/nginx.conf" <<EOF
# netready lab support site (generated by lab/lib/lab.sh)
# Workers as root: the checkout may sit below a directory others cannot enter (mktemp -d is
# 0700), and this nginx lives only in the throw-away lab namespace.
user root;
worker_processes 1;
error_log $OUT/support-error.log info;
events { worker_connections 256; }
http {
    types {
        text/html html htm;  text/css css;  text/javascript js mjs;  application/json json map;
        application/wasm wasm;  image/svg+xml svg;  image/png png;  image/x-icon ico;
    }
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/css text/javascript application/json image/svg+xml;
    access_log $OUT/support-access.log;
    client_body_temp_path $WORK/support/tmp/body;
    proxy_temp_path $WORK/support/tmp/proxy;
    fastcgi_temp_path $WORK/support/tmp/fastcgi;
    uwsgi_temp_path $WORK/support/tmp/uwsgi;
    scgi_temp_path $WORK/support/tmp/scgi;
    server_tokens off;
    server {
        listen $IP_SUPPORT:$PORT_HTTPS ssl http2;
        server_name $HOST_SUPPORT;
        ssl_certificate $WORK/server-chain.pem;
        ssl_certificate_key $WORK/server.key;
        root $WEB_ROOT;
        index index.html;
        add_header Cache-Control no-store always;
        location / { try_files \$uri \$uri/ =404; }
        $wasm_loc
    }
}
EOF
  : >"$OUT/support-error.log"
  lab_svc support "$OUT/support-error.log" "tcp:$IP_SUPPORT:$PORT_HTTPS" \
    "support   $IP_SUPPORT:$PORT_HTTPS TLS $HOST_SUPPORT: the support page (root=$WEB_ROOT${WASM_DIR:+ /wasm/=$WASM_DIR})" -- \
    nginx -e "$OUT/support-error.log" -p "$WORK/support" -c "$WORK/support/nginx.conf" \
    -g "daemon off; pid $WORK/support/nginx.pid;"
}

# coturn per region: long-term credentials, relay on its own address. Honours turn-R[-udp|-tcp|-tls].
lab_start_turn() {
  local r ip conf checks ports cert key
  for r in "${TURN_REGIONS[@]}"; do
    lab_is_down "turn-$r" && continue
    ip=${TURN_IP[$r]}
    conf=$WORK/turn-$r.conf
    checks="" ports=""
    cert=$WORK/server-chain.pem key=$WORK/server.key
    # lab/scenario [faults] turn_tls_wrong_name (lib/faults.sh): this region's TLS shows a
    # lab-CA certificate for another name.
    [[ " ${LAB_TURN_WRONG_NAME:-} " == *" $r "* ]] && cert=$WORK/wrong-name-chain.pem key=$WORK/wrong-name.key
    cat >"$conf" <<EOF
# netready lab coturn, region $r (generated by lab/lib/lab.sh; holds this run's password)
listening-ip=$ip
relay-ip=$ip
listening-port=$PORT_TURN
tls-listening-port=$PORT_TURN_TLS
cert=$cert
pkey=$key
realm=$DOMAIN
server-name=${TURN_HOST[$r]}
lt-cred-mech
user=$NETREADY_TURN_USER:$NETREADY_TURN_PASS
userdb=$WORK/turn-$r.sqlite
fingerprint
no-cli
no-multicast-peers
allow-loopback-peers
no-software-attribute
min-port=49152
max-port=65535
pidfile=$WORK/turn-$r.pid
log-file=stdout
simple-log
# one line per session and request (user, transport, result): what a reader of the log needs;
# the username in them is redacted on the way to the log (lab_redacted)
verbose
EOF
    if lab_is_down "turn-$r-udp"; then echo no-udp >>"$conf"; else checks+=" udp:$ip:$PORT_TURN"; ports+=" udp:$PORT_TURN+$PORT_TURN_ALT"; fi
    if lab_is_down "turn-$r-tcp"; then echo no-tcp >>"$conf"; else checks+=" tcp:$ip:$PORT_TURN"; ports+=" tcp:$PORT_TURN+$PORT_TURN_ALT"; fi
    if lab_is_down "turn-$r-tls"; then printf 'no-tls\nno-dtls\n' >>"$conf"; else checks+=" tcp:$ip:$PORT_TURN_TLS"; ports+=" tls:$PORT_TURN_TLS"; fi
    : >"$OUT/turn-$r.log"
    lab_svc "turn-$r" "$OUT/turn-$r.log" "$checks" \
      "turn-$r  coturn $ip$ports ${TURN_HOST[$r]} realm=$DOMAIN" -- \
      lab_redacted stdbuf -oL -eL turnserver -c "$conf"
  done
}

# ---- readiness: poll /proc/net/{tcp,udp} of this namespace (no fork per poll) ---------------------
lab_hexaddr() { # 10.0.0.1 3478 -> REPLY=0100000A:0D96 (little-endian, as in /proc/net/* on x86)
  local IFS=. a b c d
  read -r a b c d <<<"$1"
  printf -v REPLY '%02X%02X%02X%02X:%04X' "$d" "$c" "$b" "$a" "$2"
}
lab_listening() { # tcp|udp IP PORT
  local want f st state=0A
  [[ $1 == udp ]] && state=07
  lab_hexaddr "$2" "$3"
  want=$REPLY
  while read -r _ f _ st _; do
    [[ $f == "$want" && $st == "$state" ]] && return 0
  done <"/proc/net/$1"
  return 1
}
lab_fail_svc() {
  echo "${LAB_MSG_PREFIX:-lab}: service '$1' $2" >&2
  echo "---- tail of ${SVC_LOG[$1]} ----" >&2
  tail -n 25 "${SVC_LOG[$1]}" >&2 || true
  echo "----" >&2
  exit "$RC_SETUP"
}
# Waits until every service started with lab_svc listens on its CHECKS (LAB_READY_TIMEOUT each);
# exits RC_SETUP naming the service and showing its log tail otherwise.
lab_wait_ready() {
  local name start c proto ip port
  [[ -p $WORK/tick ]] || { mkfifo "$WORK/tick" && exec 9<>"$WORK/tick"; }
  for name in "${SVC_ORDER[@]}"; do
    start=${EPOCHREALTIME/./}
    for c in ${SVC_CHECKS[$name]}; do
      IFS=: read -r proto ip port <<<"$c"
      until lab_listening "$proto" "$ip" "$port"; do
        kill -0 "${SVC_PID[$name]}" 2>/dev/null || lab_fail_svc "$name" "exited before listening on $proto $ip:$port"
        ((${EPOCHREALTIME/./} - start < LAB_READY_TIMEOUT * 1000000)) ||
          lab_fail_svc "$name" "not listening on $proto $ip:$port after ${LAB_READY_TIMEOUT}s"
        read -rt 0.05 -u 9 || true # sleep 50 ms without forking sleep(1)
      done
    done
    [[ $(type -t dbg) == function ]] && dbg "$name ready"
  done
  return 0
}
