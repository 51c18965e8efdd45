#!/usr/bin/env python3
"""lab/faults/fault_server.py: real servers that misbehave on purpose, for lab/scenario [faults].

  fault_server.py xmpp MODE --listen HOST:PORT [--domain rainbow.lab]
  fault_server.py tls-stall --listen HOST:PORT [--listen HOST:PORT ...]

xmpp: an HTTP/1.1 server for the XMPP WebSocket endpoint (nginx's /websocket proxies to it
instead of prosody). Every mode but no-upgrade does a real RFC 6455 server handshake (101,
Sec-WebSocket-Accept, Sec-WebSocket-Protocol: xmpp), so the browser's WebSocket opens and what
follows is the fault:
  no-upgrade  200 and a small HTML page, no protocol switch (a web server that knows no WebSocket)
  silent      upgrades, then never sends a byte (not even a close reply)
  garbage     upgrades, then text frames that are not XMPP: an HTTP status line, "hello", junk
  oversized   upgrades, then one 1 MiB text frame of '<' (the worst case for a tag scanner)
  reset       upgrades, answers the client's <open/> with an RFC 7395 <open/>, then resets the
              TCP connection (SO_LINGER 0) before any <stream:features>
tls-stall: TCP listeners that accept, read the ClientHello and never answer (a middlebox that
swallows TLS); the connection stays open until the client gives up.

Python 3 stdlib only (asyncio). Logs one line per event to stdout: peers, modes, byte counts,
the request line without its query, and of a client's frames only the first element's name:
the logs are outputs like the report, and what a client sends may hold a token or credentials
(the XMPP probe sends only <open/>, other clients would not). Runs until killed.
"""
import argparse
import asyncio
import base64
import hashlib
import random
import re
import socket
import string
import struct
import sys

WS_GUID = b'258EAFA5-E914-47DA-95CA-C5AB0DC85B11'  # RFC 6455 section 1.3
XMPP_MODES = ['no-upgrade', 'silent', 'garbage', 'oversized', 'reset']
MAX_HEAD = 16 * 1024        # an upgrade request is a few hundred bytes
MAX_CLIENT_FRAME = 1 << 20  # what we accept from a client; the probe sends ~100 bytes
OVERSIZED = 1 << 20         # the oversized frame: 1 MiB
OP_CONT, OP_TEXT, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x8, 0x9, 0xA

NO_UPGRADE_PAGE = (b'<!doctype html>\n<html><head><title>Rainbow</title></head>\n'
                   b'<body><h1>It works</h1><p>This server does not speak WebSocket.</p></body></html>\n')


def log(*parts):
    print(*parts, flush=True)


def request_line(line):
    """The request line with its query, if any, as "?[redacted]" (tokens travel there)."""
    parts = line.split(' ')
    if len(parts) == 3 and '?' in parts[1]:
        parts[1] = parts[1].split('?', 1)[0] + '?[redacted]'
    return ''.join(c if c.isprintable() else '?' for c in ' '.join(parts)[:200])


def element(data):
    """What a client frame is, without its content: its first XML element's name, if any."""
    m = re.match(rb'\s*<([A-Za-z_][\w:.-]{0,40})', data)
    return f'<{m[1].decode()}>' if m else 'no XML element'


def peer(writer):
    p = writer.get_extra_info('peername') or ('?', 0)
    return f'{p[0]}:{p[1]}'


# ------------------------------------------------------------------------------ RFC 6455 framing

def frame(opcode, payload):
    """A server frame: FIN set, never masked (RFC 6455 5.1: servers must not mask)."""
    n = len(payload)
    if n < 126:
        head = struct.pack('!BB', 0x80 | opcode, n)
    elif n < 1 << 16:
        head = struct.pack('!BBH', 0x80 | opcode, 126, n)
    else:
        head = struct.pack('!BBQ', 0x80 | opcode, 127, n)
    return head + payload


async def read_frame(reader):
    """(opcode, payload) of the next client frame, unmasked; None at EOF or on a broken frame.
    Control frames may come between fragments (5.4): they are returned as they come."""
    try:
        b0, b1 = await reader.readexactly(2)
        n = b1 & 0x7F
        if n == 126:
            (n,) = struct.unpack('!H', await reader.readexactly(2))
        elif n == 127:
            (n,) = struct.unpack('!Q', await reader.readexactly(8))
        if n > MAX_CLIENT_FRAME:
            return None
        mask = await reader.readexactly(4) if b1 & 0x80 else b'\0\0\0\0'
        data = await reader.readexactly(n)
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    return b0 & 0x0F, bytes(c ^ mask[i % 4] for i, c in enumerate(data))


async def read_head(reader):
    """The request line and headers (lower-case names), or None if the client sent no request."""
    try:
        raw = await reader.readuntil(b'\r\n\r\n')
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        return None
    lines = raw.decode('latin-1').split('\r\n')
    headers = {}
    for line in lines[1:]:
        if ':' in line:
            k, v = line.split(':', 1)
            headers[k.strip().lower()] = v.strip()
    return lines[0], headers


def http_response(status, headers, body=b''):
    head = f'HTTP/1.1 {status}\r\n' + ''.join(f'{k}: {v}\r\n' for k, v in headers) + '\r\n'
    return head.encode('latin-1') + body


# ------------------------------------------------------------------------------ the XMPP faults

class XmppFault:
    def __init__(self, mode, domain):
        self.mode, self.domain = mode, domain
        self.rng = random.Random(6455)  # the same junk every run: a failure can be reproduced

    async def handle(self, reader, writer):
        who = peer(writer)
        try:
            await self.serve(reader, writer, who)
        except (ConnectionError, OSError) as e:
            log(f'xmpp[{self.mode}] {who}: connection error: {e}')
        finally:
            if not writer.is_closing():
                writer.close()
            log(f'xmpp[{self.mode}] {who}: closed')

    async def serve(self, reader, writer, who):
        req = await read_head(reader)
        if req is None:
            log(f'xmpp[{self.mode}] {who}: no request')
            return
        line, h = req
        log(f'xmpp[{self.mode}] {who}: {request_line(line)} (upgrade: {h.get("upgrade", "-")}, '
            f'protocols: {h.get("sec-websocket-protocol", "-")})')
        if self.mode == 'no-upgrade':
            # What a plain web server answers: a page, no 101; the browser's handshake fails.
            writer.write(http_response('200 OK', [('Content-Type', 'text/html; charset=utf-8'),
                                                  ('Content-Length', len(NO_UPGRADE_PAGE)),
                                                  ('Connection', 'close')], NO_UPGRADE_PAGE))
            await writer.drain()
            log(f'xmpp[{self.mode}] {who}: answered 200 with a page, no upgrade')
            return
        key = h.get('sec-websocket-key', '')
        if 'websocket' not in h.get('upgrade', '').lower() or not key:
            writer.write(http_response('400 Bad Request', [('Content-Length', 0), ('Connection', 'close')]))
            await writer.drain()
            log(f'xmpp[{self.mode}] {who}: not a WebSocket upgrade: 400')
            return
        accept = base64.b64encode(hashlib.sha1(key.encode('latin-1') + WS_GUID).digest()).decode()
        offered = [p.strip() for p in h.get('sec-websocket-protocol', '').split(',')]
        resp = [('Upgrade', 'websocket'), ('Connection', 'Upgrade'), ('Sec-WebSocket-Accept', accept)]
        if 'xmpp' in offered:  # a server may only choose a protocol the client offered
            resp.append(('Sec-WebSocket-Protocol', 'xmpp'))
        writer.write(http_response('101 Switching Protocols', resp))
        await writer.drain()
        log(f'xmpp[{self.mode}] {who}: 101 (protocol {"xmpp" if "xmpp" in offered else "none"})')
        await getattr(self, 'after_' + self.mode.replace('-', '_'))(reader, writer, who)

    async def client_frames(self, reader, who, reply=None):
        """Reads client frames until EOF or close; `reply(opcode, payload)` may answer them."""
        while True:
            f = await read_frame(reader)
            if f is None:
                log(f'xmpp[{self.mode}] {who}: client gone')
                return
            op, data = f
            log(f'xmpp[{self.mode}] {who}: client frame op {op}, {len(data)} bytes'
                + (f': {element(data)}' if op == OP_TEXT else ''))
            if reply and await reply(op, data) is False:
                return
            if op == OP_CLOSE:
                return

    def polite(self, writer):
        """A reply that answers pings and close frames, as any WebSocket server does."""
        async def reply(op, data):
            if op == OP_PING:
                writer.write(frame(OP_PONG, data))
            elif op == OP_CLOSE:
                writer.write(frame(OP_CLOSE, data[:2]))
            await writer.drain()
        return reply

    async def after_silent(self, reader, writer, who):
        # Reads (to notice the client leaving) but never writes: not even a pong or a close.
        await self.client_frames(reader, who)

    def junk(self):
        alphabet = string.ascii_letters + string.digits + string.punctuation + ' '
        return ''.join(self.rng.choice(alphabet) for _ in range(self.rng.randint(40, 200)))

    async def after_garbage(self, reader, writer, who):
        # A burst of text that is not XMPP, then one more junk frame a second, as a confused
        # backend keeps talking; the client is answered like any WebSocket peer.
        async def talk():
            try:
                for text in ['HTTP/1.1 200 OK', 'hello', self.junk(), '{"status":"OK"}']:
                    writer.write(frame(OP_TEXT, text.encode()))
                await writer.drain()
                log(f'xmpp[{self.mode}] {who}: sent 4 non-XMPP text frames')
                for _ in range(300):
                    await asyncio.sleep(1)
                    writer.write(frame(OP_TEXT, self.junk().encode()))
                    await writer.drain()
            except (ConnectionError, OSError):
                pass  # the client left: client_frames() notices and logs it
        talker = asyncio.create_task(talk())
        try:
            await self.client_frames(reader, who, self.polite(writer))
        finally:
            talker.cancel()

    async def after_oversized(self, reader, writer, who):
        writer.write(frame(OP_TEXT, b'<' * OVERSIZED))
        await writer.drain()
        log(f'xmpp[{self.mode}] {who}: sent one text frame of {OVERSIZED} bytes of "<"')
        await self.client_frames(reader, who, self.polite(writer))

    async def after_reset(self, reader, writer, who):
        async def reply(op, data):
            if op != OP_TEXT or b'<open' not in data:
                return None
            opened = (f'<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="{self.domain}" '
                      f'id="fault-{self.rng.getrandbits(32):08x}" version="1.0" xml:lang="en"/>')
            writer.write(frame(OP_TEXT, opened.encode()))
            await writer.drain()
            log(f'xmpp[{self.mode}] {who}: answered <open/>')
            # Long enough for nginx to pass the <open/> on (a reset discards unsent data), then
            # RST instead of <stream:features>: SO_LINGER 0 makes close() send a reset.
            await asyncio.sleep(0.3)
            sock = writer.get_extra_info('socket')
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            writer.transport.abort()
            log(f'xmpp[{self.mode}] {who}: reset the connection (SO_LINGER 0)')
            return False
        await self.client_frames(reader, who, reply)


# ------------------------------------------------------------------------------ TLS that stalls

async def stall(reader, writer):
    who = peer(writer)
    local = writer.get_extra_info('sockname') or ('?', 0)
    got = 0
    first = b''
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if not got:
                first = data
                # A TLS handshake record (0x16) holding a ClientHello (handshake type 1).
                hello = len(data) > 5 and data[0] == 0x16 and data[5] == 0x01
                log(f'tls-stall {local[0]}:{local[1]} {who}: {len(data)} bytes, '
                    f'{"a TLS ClientHello" if hello else "not a ClientHello"}; never answering')
            got += len(data)
    except ConnectionError:
        pass
    finally:
        writer.close()
    log(f'tls-stall {local[0]}:{local[1]} {who}: client gave up after {got} bytes'
        f'{"" if first else " (it sent nothing)"}')


# ------------------------------------------------------------------------------ main

def host_port(text):
    host, sep, port = text.rpartition(':')
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f'not HOST:PORT: {text}')
    return host, int(port)


async def main():
    ap = argparse.ArgumentParser(prog='lab/faults/fault_server.py', description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='kind', required=True)
    x = sub.add_parser('xmpp', help='the XMPP WebSocket endpoint, misbehaving')
    x.add_argument('mode', choices=XMPP_MODES)
    x.add_argument('--listen', type=host_port, required=True)
    x.add_argument('--domain', default='rainbow.lab')
    s = sub.add_parser('tls-stall', help='accept TLS, never answer')
    s.add_argument('--listen', type=host_port, action='append', required=True)
    args = ap.parse_args()
    servers = []
    if args.kind == 'xmpp':
        fault = XmppFault(args.mode, args.domain)
        servers.append(await asyncio.start_server(fault.handle, *args.listen, limit=MAX_HEAD))
        log(f'xmpp[{args.mode}] listening on {args.listen[0]}:{args.listen[1]} (domain {args.domain})')
    else:
        for host, port in args.listen:
            servers.append(await asyncio.start_server(stall, host, port))
            log(f'tls-stall listening on {host}:{port}')
    await asyncio.gather(*(srv.serve_forever() for srv in servers))


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as e:  # e.g. the address is taken: the lab's readiness check names us
        print(f'fault_server: {e}', file=sys.stderr, flush=True)
        sys.exit(1)
