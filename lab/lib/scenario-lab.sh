#!/usr/bin/env bash
# Stage 2 of lab/scenario: runs as PID 1 of `unshare --net --pid --mount --fork --kill-child`
# (started by lab/scenario, never by hand). Its own network namespace is the "internet" side with
# the servers; two more namespaces (held by `sleep` processes of this PID namespace) are the
# router and the client (addresses: lab/topology.env, the networks /$PREFIX_LEN):
#
#   client ns                     router ns                              server ns (this one)
#   cli0 $IP_CLIENT ---------- rtr-cli $IP_ROUTER_CLIENT                 $SERVER_SUBNET: nginx
#   default via rtr-cli           rtr-srv $IP_ROUTER_SERVER ---- srv0    $IP_WEB, coturn $TURN_IP_*,
#                                 nftables firewall + NAT,               dnsmasq $IP_DNS, squid
#                                 impairments on both interfaces         $IP_PROXY, support page
#                                                                        $IP_SUPPORT; default via
#                                                                        rtr-srv
#
# Nothing links these namespaces to the host's. When this shell exits, the kernel kills every
# process of the PID namespace; the namespaces (and their nft tables, veths, qdiscs) go with them.
# $1 = the work dir written by lab/scenario (plan.sh, router.nft); exit status: the browser
# driver's, or 125 if the lab could not be built.
# shellcheck disable=SC2015,SC2153,SC1091  # A && B || C on purpose; variables from plan.sh
set -euo pipefail
HOSTWORK=$1 # written by lab/scenario: plan.sh, router.nft; we leave ns-ids there
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HOSTWORK/plan.sh"
# The page comes from support.netready.lab (its own nginx, see lab.sh), or with [check] page =
# "service" from web.rainbow.lab: $SCN_PAGE_URL. The support site runs in both cases.
LAB_WITH_SUPPORT=1
# shellcheck source-path=SCRIPTDIR source=lab.sh
source "$LIB/lab.sh"
# shellcheck source-path=SCRIPTDIR source=faults.sh
source "$LIB/faults.sh"
RC_SETUP=125
OUT=$SCN_LOGS
read -r -a DOWN <<<"$SCN_DOWN"
lab_faults_prepare # [faults]: what the servers below do differently (lib/faults.sh)
LAB_MSG_PREFIX="scenario $SCN_NAME"
T0=$EPOCHREALTIME
ms() { local n=${EPOCHREALTIME/./} z=${T0/./}; echo $(((n - z) / 1000)); }
say() { echo "lab: $*" >&2; }
die() { echo "scenario $SCN_NAME: $*" >&2; exit $RC_SETUP; }
dbg() { [[ ${NETREADY_LAB_DEBUG:-0} == 1 ]] && echo "lab-debug: $(ms) ms $*" >&2 || true; }
# PID 1 gets no signal it has no handler for.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mount --make-rprivate /
# Secrets (CA key, TURN password, configs, the browser profile) live on a tmpfs that only this
# mount namespace sees: it vanishes with the lab, however the lab ends.
WORK=$HOSTWORK/lab
mkdir -p "$WORK"
mount -t tmpfs -o mode=0700 netready-lab "$WORK"
cp "$HOSTWORK/router.nft" "$WORK/router.nft"
# squid and Chromium put segments in /dev/shm: a private one vanishes with the lab.
mount -t tmpfs -o mode=1777,size=256m netready-shm /dev/shm

# ---- namespaces: router and client, each held by a sleeper of this PID namespace ----------------
mkfifo "$WORK/tick" && exec 9<>"$WORK/tick"
nap() { read -rt 0.02 -u 9 || true; } # 20 ms without forking sleep(1)
my_net=$(readlink /proc/self/ns/net)
new_netns() { # prints the PID holding a fresh network namespace
  unshare --net sleep infinity </dev/null >/dev/null 2>&1 &
  local pid=$! n
  for ((n = 0; n < 250; n++)); do
    [[ -e /proc/$pid/ns/net && $(readlink "/proc/$pid/ns/net" 2>/dev/null) != "$my_net" ]] && { echo "$pid"; return 0; }
    nap
  done
  return 1
}
RTR=$(new_netns) || die "could not create the router namespace"
CLI=$(new_netns) || die "could not create the client namespace"
in_rtr() { nsenter --net="/proc/$RTR/ns/net" -- "$@"; }
in_cli() { nsenter --net="/proc/$CLI/ns/net" -- "$@"; }
{
  readlink /proc/self/ns/net /proc/self/ns/pid /proc/self/ns/mnt
  readlink "/proc/$RTR/ns/net" "/proc/$CLI/ns/net"
} >"$HOSTWORK/ns-ids"

# ---- links, addresses, routes (IPv4 only: no IPv6 anywhere in the lab) ----------------------------
for ns in "" in_rtr in_cli; do
  $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 ||
    die "sysctl: cannot disable IPv6"
done
in_rtr sysctl -qw net.ipv4.ip_forward=1 || die "sysctl: cannot enable forwarding on the router"
{
  echo "link set lo up"
  echo "link add srv0 type veth peer name rtr-srv netns $RTR"
  echo "addr add $IP_WEB/$PREFIX_LEN dev srv0"
  for r in "${TURN_REGIONS[@]}"; do echo "addr add ${TURN_IP[$r]}/$PREFIX_LEN dev srv0"; done
  echo "addr add $IP_DNS/$PREFIX_LEN dev srv0"
  echo "addr add $IP_SUPPORT/$PREFIX_LEN dev srv0"
  [[ -n $SCN_PROXY ]] && echo "addr add $IP_PROXY/$PREFIX_LEN dev srv0"
  echo "link set srv0 up"
  echo "route add default via $IP_ROUTER_SERVER dev srv0"
} >"$WORK/ip-srv.batch"
ip -batch "$WORK/ip-srv.batch" || die "ip: could not set up the server side"
cat >"$WORK/ip-rtr.batch" <<EOF
link set lo up
link add rtr-cli type veth peer name cli0 netns $CLI
addr add $IP_ROUTER_SERVER/$PREFIX_LEN dev rtr-srv
addr add $IP_ROUTER_CLIENT/$PREFIX_LEN dev rtr-cli
link set rtr-srv up
link set rtr-cli up
EOF
in_rtr ip -batch "$WORK/ip-rtr.batch" || die "ip: could not set up the router"
cat >"$WORK/ip-cli.batch" <<EOF
link set lo up
addr add $IP_CLIENT/$PREFIX_LEN dev cli0
link set cli0 up
route add default via $IP_ROUTER_CLIENT dev cli0
EOF
in_cli ip -batch "$WORK/ip-cli.batch" || die "ip: could not set up the client"
in_rtr nft -f "$WORK/router.nft" || die "nft: the router's firewall/NAT ruleset was refused ($WORK/router.nft)"
# TURN :80 -> :3478 for clients arriving through the router (prerouting) and local ones (output).
lab_turn80_nat netready_lab "prerouting output" || die "nft: could not add the TURN :80 -> :3478 redirects"

# ---- name resolution: every namespace asks the lab's dnsmasq (the client through the router) ------
printf 'nameserver %s\noptions timeout:1 attempts:2\n' "$IP_DNS" >"$WORK/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' >"$WORK/hosts"
mount --bind "$WORK/resolv.conf" /etc/resolv.conf
mount --bind "$WORK/hosts" /etc/hosts
dbg "network done"

# ---- servers (lab/lib/lab.sh), in this namespace ---------------------------------------------------
mkdir -p "$WORK/home/.pki/nssdb" "$WORK/tmp"
# shellcheck disable=SC2086  # a list of names
lab_start_dns "$IP_DNS,127.0.0.1" $SCN_DNS_FAIL
lab_start_prosody
lab_make_pki
lab_make_wrong_name_cert
lab_start_nginx
lab_start_report_store
lab_start_turn
lab_start_support_web
lab_start_faults
if [[ -n $SCN_PROXY ]]; then
  ca_args=()
  case $SCN_PROXY in
    deny-websocket | tls-intercept) ca_args=(--ca-cert "$SCN_PUB/squid-ca/ca.pem" --ca-key "$SCN_PUB/squid-ca/ca.key") ;;
  esac
  squid_cmd=$("$SCN_REPO/lab/proxy/squid-config" --policy "$SCN_PROXY" --listen "$IP_PROXY:$PORT_PROXY" \
    --work "$SCN_PUB/squid" --log "$SCN_PUB/squid-log" --upstream-ca "$WORK/ca.pem" ${ca_args[@]+"${ca_args[@]}"} \
    2>"$WORK/squid-config.err") || { cat "$WORK/squid-config.err" >&2; die "lab/proxy/squid-config failed"; }
  if ((${#ca_args[@]})); then
    certutil -A -d "sql:$WORK/home/.pki/nssdb" -n netready-proxy-ca -t "C,," -i "$SCN_PUB/squid-ca/ca.pem" ||
      die "cannot import the proxy's bump CA into the client's NSS db"
    PROXY_CA=$SCN_PUB/squid-ca/ca.pem # Firefox has its own NSS db: lab/firefox.mjs imports it there
  fi
  # squid runs as user proxy, which may not enter the checkout (a 0700 parent): it logs in the
  # lab's own area and the logs are copied next to the others when the lab ends.
  trap 'cp -f "$SCN_PUB"/squid-log/*.log "$OUT"/ 2>/dev/null || true' EXIT
  read -r -a squid_argv <<<"$squid_cmd"
  lab_svc proxy "$SCN_PUB/squid-log/squid-cache.log" "tcp:$IP_PROXY:$PORT_PROXY" \
    "proxy     squid $IP_PROXY:$PORT_PROXY policy $SCN_PROXY" -- "${squid_argv[@]}"
fi
dbg "services launched"
lab_wait_ready
for name in "${SVC_ORDER[@]}"; do say "${SVC_DESC[$name]}"; done
lab_faults_say
[[ -n $SCN_DOWN ]] && say "down: $SCN_DOWN" # as the file says; what a tls_stall takes off, its line says

# ---- impairments on both router interfaces (egress of each = one direction) ------------------------
if ((SCN_IMPAIR)); then
  imp=()
  ((SCN_DELAY_MS)) && imp+=(--delay-ms "$SCN_DELAY_MS")
  [[ $SCN_LOSS_PERCENT != 0 ]] && imp+=(--loss-percent "$SCN_LOSS_PERCENT")
  ((SCN_RATE_KBPS)) && imp+=(--rate-kbps "$SCN_RATE_KBPS")
  nfq=()
  if ((SCN_DELAY_MS)) || [[ $SCN_LOSS_PERCENT != 0 ]]; then
    nfq_bin=$SCN_REPO/build/nfq-impair # `make -C lab/impair`; else built here, for this run only
    if [[ ! -x $nfq_bin || $nfq_bin -ot $SCN_REPO/lab/impair/nfq_impair.c ]]; then
      nfq_bin=$WORK/nfq-impair
      gcc -O2 -Wall -o "$nfq_bin" "$SCN_REPO/lab/impair/nfq_impair.c" -lnetfilter_queue >"$WORK/gcc.log" 2>&1 ||
        { cat "$WORK/gcc.log" >&2; die "impairment helper: cannot build lab/impair/nfq_impair.c (libnetfilter-queue-dev?)"; }
    fi
    nfq=(--nfq-bin "$nfq_bin")
  fi
  seed=${NETREADY_IMPAIR_SEED:-1} # loss is pseudo-random from this seed (+1 for the second interface)
  for dev in rtr-cli rtr-srv; do
    ((${#nfq[@]})) && nfq+=(--seed "$seed" --log "$OUT/nfq-impair-$dev.log")
    bash "$SCN_REPO/lab/impair/apply" --netns-exec "nsenter --net=/proc/$RTR/ns/net --" --dev "$dev" "${imp[@]}" \
      ${nfq[@]+"${nfq[@]}"} >/dev/null 2>>"$OUT/impair.log" ||
      { tail -n 20 "$OUT/impair.log" >&2; die "impairment helper lab/impair/apply failed on $dev"; }
    ((${#nfq[@]})) && nfq=("${nfq[@]:0:2}")
    seed=$((seed + 1))
  done
  say "impair    router egress of rtr-cli (to the client) and rtr-srv (to the servers): ${imp[*]}"
fi
say "router    client $IP_CLIENT/$PREFIX_LEN -- rtr-cli $IP_ROUTER_CLIENT | rtr-srv $IP_ROUTER_SERVER -- servers $SERVER_SUBNET"

# ---- the check, in the client namespace --------------------------------------------------------------
PROFILE=$WORK/profile.json
creds=creds
((SCN_CREDENTIALS)) || creds=nocreds # [check] credentials = false: a support page without login
(umask 077 && lab_profile_json "$creds" "$SCN_NETWORK_JSON" >"$PROFILE")
export HOME=$WORK/home TMPDIR=$WORK/tmp NODE_EXTRA_CA_CERTS=$WORK/ca.pem NETREADY_LAB=1
export NETREADY_LAB_CA=$WORK/ca.pem${PROXY_CA:+:$PROXY_CA}
unset NETREADY_PROXY
[[ -n $SCN_PROXY ]] && export NETREADY_PROXY="http://$IP_PROXY:$PORT_PROXY"
say "ready in $(ms) ms; running the check in $SCN_BROWSER on the client${SCN_PROXY:+ (proxy $NETREADY_PROXY)}$( ((SCN_CREDENTIALS)) || echo ', without TURN credentials')"
# NETREADY_SCN_DRIVER: a driver in place of lab/browser.mjs, same arguments (lab/bench-connectivity.mjs)
in_cli node "${NETREADY_SCN_DRIVER:-$SCN_REPO/lab/browser.mjs}" --browser "$SCN_BROWSER" --url "$SCN_PAGE_URL" --profile "$PROFILE" \
  --json "$SCN_JSON" --png "$SCN_PNG" --timeout-ms "$SCN_TIMEOUT_MS" </dev/null &
browser=$!
trap 'kill -TERM $browser 2>/dev/null; wait $browser; exit 143' TERM
trap 'kill -INT $browser 2>/dev/null; wait $browser; exit 130' INT
set +e
wait "$browser"
rc=$?
exit $rc
