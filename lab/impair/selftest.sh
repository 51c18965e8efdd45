#!/usr/bin/env bash
# Measures what lab/impair/apply does, on namespaces of its own (no link to the host's network):
#   lab/impair/selftest.sh            (root; ~40 s)
#   cli (198.18.1.1) -- veth -- rtr (198.18.1.254 | 198.18.2.254) -- veth -- srv (198.18.2.1)
# 1. baseline ping; 2. delay 75 ms on both router interfaces (RTT +150 ms) and on one (+75 ms);
# 3. 5 % loss on one interface, ping -c 200 -i 0.01; 4. 100 kbit/s tbf on the router's
# interface towards cli, 48 KB download (srv -> cli) and upload (cli -> srv, unshaped).
# Prints the figures and "N passed, N failed" against generous bounds.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $EUID -eq 0 ]] || { echo "selftest: must run as root" >&2; exit 2; }

# Everything in a private mount + PID namespace: the netns mounts of `ip netns add` stay private
# and every process (nfq-impair included) dies with this script.
if [[ -z ${_IMPAIR_SELFTEST_INNER:-} ]]; then
  exec env _IMPAIR_SELFTEST_INNER=1 unshare --mount --pid --fork --kill-child --mount-proc \
    --propagation private "$0" "$@"
fi
mount -t tmpfs tmpfs /run/netns 2>/dev/null || { mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns; }
T=$(mktemp -d)
cleanup() { for n in cli rtr srv; do ip netns del "imp-$n" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT

# nfq-impair binary: built once into $T (the apply script could also build it)
gcc -O2 -Wall -o "$T/nfq-impair" "$here/nfq_impair.c" -lnetfilter_queue || exit 1
export NETREADY_NFQ_IMPAIR=$T/nfq-impair

for n in cli rtr srv; do ip netns add "imp-$n"; ip -n "imp-$n" link set lo up; done
ip -n imp-cli link add cli0 type veth peer name rtr0 netns imp-rtr
ip -n imp-srv link add srv0 type veth peer name rtr1 netns imp-rtr
ip -n imp-cli addr add 198.18.1.1/24 dev cli0
ip -n imp-rtr addr add 198.18.1.254/24 dev rtr0
ip -n imp-rtr addr add 198.18.2.254/24 dev rtr1
ip -n imp-srv addr add 198.18.2.1/24 dev srv0
ip -n imp-cli link set cli0 up; ip -n imp-rtr link set rtr0 up; ip -n imp-rtr link set rtr1 up
ip -n imp-srv link set srv0 up
ip -n imp-cli route add default via 198.18.1.254
ip -n imp-srv route add default via 198.18.2.254
ip netns exec imp-rtr sysctl -qw net.ipv4.ip_forward=1
RTR="ip netns exec imp-rtr"

pass=0 fail=0
check() { # name value lo hi
  if awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }'; then
    echo "  pass  $1 = $2 (expected $3..$4)"; pass=$((pass + 1))
  else
    echo "  FAIL  $1 = $2 (expected $3..$4)"; fail=$((fail + 1))
  fi
}
rtt() { # ping args... -> "avg loss%"
  ip netns exec imp-cli ping -q "$@" 198.18.2.1 | awk -F'[ /%]+' '
    /packet loss/ { for (i = 1; i <= NF; i++) if ($i == "packet") loss = $(i - 1) }
    /^rtt/ { avg = $7 } END { printf "%s %s\n", (avg == "" ? "nan" : avg), loss }'
}
stop_all() { for p in "$@"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }

echo "== baseline"
read -r base loss0 < <(rtt -c 20 -i 0.05)
echo "  ping -c 20: avg rtt $base ms, loss $loss0 %"

echo "== delay 75 ms on rtr0 and rtr1 (both directions)"
p1=$($here/apply --netns-exec "$RTR" --dev rtr1 --delay-ms 75 --log "$T/q-rtr1.log")
p2=$($here/apply --netns-exec "$RTR" --dev rtr0 --delay-ms 75 --log "$T/q-rtr0.log")
read -r avg loss < <(rtt -c 20 -i 0.2)
echo "  ping -c 20: avg rtt $avg ms, loss $loss %"
check "rtt, 75 ms each way" "$avg" 150 160
check "loss, delay only" "$loss" 0 0
$here/apply --netns-exec "$RTR" --dev rtr0 --remove 2>/dev/null
stop_all "$p2"
read -r avg loss < <(rtt -c 20 -i 0.2)
echo "  rtr1 only: ping -c 20: avg rtt $avg ms"
check "rtt, 75 ms one way" "$avg" 75 85
$here/apply --netns-exec "$RTR" --dev rtr1 --remove 2>/dev/null
stop_all "$p1"
echo "  nfq-impair logs:"; sed 's/^/    /' "$T"/q-rtr*.log

echo "== loss 5 % on rtr1 (cli -> srv), seed 1"
p1=$($here/apply --netns-exec "$RTR" --dev rtr1 --loss-percent 5 --seed 1 --log "$T/q-loss.log")
read -r avg loss < <(rtt -c 200 -i 0.01)
echo "  ping -c 200 -i 0.01: loss $loss %, avg rtt $avg ms"
check "loss 5 %" "$loss" 2 9
read -r avg loss2 < <(rtt -c 1000 -i 0.002)
echo "  ping -c 1000 -i 0.002: loss $loss2 %"
check "loss 5 % (1000 pings)" "$loss2" 3.5 6.5
$here/apply --netns-exec "$RTR" --dev rtr1 --remove 2>/dev/null
stop_all "$p1"
sed 's/^/    /' "$T/q-loss.log"

echo "== rate 100 kbit/s on rtr0 (srv -> cli)"
$here/apply --netns-exec "$RTR" --dev rtr0 --rate-kbps 100 >/dev/null
# srv sends (download) or receives (upload) 48000 bytes; the receiver times it
cat >"$T/xfer.py" <<'EOF'
import socket, sys, time
mode, role, n = sys.argv[1], sys.argv[2], 48000
if role == 'server':
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('198.18.2.1', 5001)); s.listen(1); c, _ = s.accept()
    if mode == 'down':
        c.sendall(b'x' * n); c.shutdown(socket.SHUT_WR); c.recv(1)
    else:
        got, t0 = 0, None
        while got < n:
            b = c.recv(65536)
            if not b: break
            t0 = t0 or time.monotonic(); got += len(b)
        print(f'{got * 8 / (time.monotonic() - t0) / 1000:.1f}'); c.close()
else:
    c = socket.create_connection(('198.18.2.1', 5001), timeout=30)
    if mode == 'down':
        got, t0 = 0, None
        while got < n:
            b = c.recv(65536)
            if not b: break
            t0 = t0 or time.monotonic(); got += len(b)
        print(f'{got * 8 / (time.monotonic() - t0) / 1000:.1f}'); c.close()
    else:
        c.sendall(b'x' * n); c.shutdown(socket.SHUT_WR); c.recv(1)
EOF
ip netns exec imp-srv python3 "$T/xfer.py" down server & srvpid=$!
sleep 0.3
down=$(ip netns exec imp-cli python3 "$T/xfer.py" down client)
wait $srvpid
echo "  download 48000 B: $down kbit/s"
check "download rate, tbf 100 kbit" "$down" 80 110
ip netns exec imp-srv python3 "$T/xfer.py" up server >"$T/up" & srvpid=$!
sleep 0.3
ip netns exec imp-cli python3 "$T/xfer.py" up client
wait $srvpid
up=$(cat "$T/up")
echo "  upload 48000 B (not shaped): $up kbit/s"
check "upload rate, not shaped" "$up" 1000 1e12
$here/apply --netns-exec "$RTR" --dev rtr0 --remove 2>/dev/null

echo "== leftovers"
ip netns exec imp-rtr nft list ruleset | grep -c . | sed 's/^/  nft ruleset lines: /'
ip netns exec imp-rtr tc qdisc show dev rtr0 | sed 's/^/  /'
echo "selftest: $pass passed, $fail failed"
((fail == 0))
