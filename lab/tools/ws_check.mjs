#!/usr/bin/env node
// Lab self-check: XMPP over WebSocket (RFC 7395) with node built-ins only.
//   node lab/tools/ws_check.mjs wss://rainbow.lab/websocket rainbow.lab [timeout_ms]
// Exit 0 when the server answers <open/> and <stream:features>; 1 otherwise (reason on stderr).
// Trusts NETREADY_LAB_CA (a PEM file) if set, else node's default CAs / NODE_EXTRA_CA_CERTS.
import tls from 'node:tls';
import net from 'node:net';
import fs from 'node:fs';
import crypto from 'node:crypto';

const [urlArg, domainArg, timeoutArg] = process.argv.slice(2);
if (!urlArg) { console.error('usage: ws_check.mjs wss://host/path [domain] [timeout_ms]'); process.exit(2); }
const url = new URL(urlArg);
const domain = domainArg || url.hostname;
const secure = url.protocol === 'wss:';
const port = Number(url.port) || (secure ? 443 : 80);
const fail = (msg) => { console.error(`ws_check: FAIL ${msg}`); process.exit(1); };
setTimeout(() => fail(`timeout; received so far: ${JSON.stringify(text)}`), Number(timeoutArg) || 5000).unref();

const key = crypto.randomBytes(16).toString('base64');
const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
const opts = { host: url.hostname, port, servername: url.hostname, ALPNProtocols: ['http/1.1'] };
if (secure && process.env.NETREADY_LAB_CA) opts.ca = fs.readFileSync(process.env.NETREADY_LAB_CA);
const sock = secure ? tls.connect(opts) : net.connect(opts);
sock.on('error', (e) => fail(`${e.code || ''} ${e.message}`));

// Client frames are masked (RFC 6455 §5.3). opcode 1 = text, 8 = close.
function frame(opcode, payload) {
  const data = Buffer.from(payload);
  const len = data.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len])
    : Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff]);
  const mask = crypto.randomBytes(4);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = data[i] ^ mask[i & 3];
  return Buffer.concat([head, mask, body]);
}

let buf = Buffer.alloc(0);
let upgraded = false;
let text = '';
const connectEvent = secure ? 'secureConnect' : 'connect';
sock.on(connectEvent, () => {
  sock.write([`GET ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Upgrade: websocket',
    'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Protocol: xmpp', `Origin: https://${url.hostname}`, '', ''].join('\r\n'));
});
sock.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  if (!upgraded) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buf.subarray(0, end).toString('latin1');
    buf = buf.subarray(end + 4);
    const [status, ...lines] = head.split('\r\n');
    const hdr = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    if (!/^HTTP\/1\.1 101/.test(status)) fail(`upgrade refused: ${status}`);
    if (hdr['sec-websocket-accept'] !== accept) fail('bad Sec-WebSocket-Accept');
    if (hdr['sec-websocket-protocol'] !== 'xmpp') fail(`subprotocol ${hdr['sec-websocket-protocol']} != xmpp`);
    upgraded = true;
    console.error(`ws_check: ${status} (subprotocol xmpp)`);
    sock.write(frame(1, `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${domain}" version="1.0"/>`));
  }
  // Server frames are unmasked.
  while (buf.length >= 2) {
    const op = buf[0] & 0x0f;
    let len = buf[1] & 0x7f;
    let off = 2;
    if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
    else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
    if (buf.length < off + len) return;
    const payload = buf.subarray(off, off + len);
    buf = buf.subarray(off + len);
    if (op === 8) fail(`server closed: ${payload.length >= 2 ? payload.readUInt16BE(0) : ''} ${payload.subarray(2)}`);
    if (op === 9) { sock.write(frame(10, payload)); continue; }
    if (op === 1 || op === 0) text += payload.toString('utf8');
  }
  if (/<open\b[^>]*\/>/.test(text) && /<stream:features[\s>]/.test(text)) {
    console.log(text);
    console.error('ws_check: OK <open/> and <stream:features> received');
    sock.write(frame(1, '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'));
    sock.end(frame(8, Buffer.from([0x03, 0xe8])));
    process.exit(0);
  }
});
sock.on('close', () => fail(`connection closed; received: ${JSON.stringify(text)}`));
