#!/usr/bin/env python3
"""report_store: the lab's support desk, receiving netready reports (behind the lab's nginx at
https://web.rainbow.lab/api/support/reports).

  report_store.py --listen 127.0.0.1:5290 --dir DIR

POST /api/support/reports with a netready.report/1 JSON body (at most 512 KiB): stores it as
DIR/<reference>.json and answers 201 {"reference": "NR-XXXXXXXX"}, the short code the user quotes.
GET /api/support/reports/<reference>: the stored report. Anything else: 404/400/413 with a JSON
{"error": ...}. A real HTTP handler, stdlib only; it logs method, path and status, never a body.
"""
import argparse
import http.server
import json
import os
import re
import secrets
import sys

MAX_BODY = 512 * 1024
PREFIX = '/api/support/reports'
REF = re.compile(r'NR-[0-9A-F]{8}')


def make_handler(store):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = 'netready-lab-support'

        def log_message(self, fmt, *args):  # path without query, never a body
            sys.stderr.write('report_store: %s %s -> %s\n' % (self.command, self.path.split('?')[0], args[1] if len(args) > 1 else ''))

        def answer(self, code, obj):
            body = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.send_header('Cache-Control', 'no-store')
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            if self.path.split('?')[0] != PREFIX:
                return self.answer(404, {'error': 'not found'})
            try:
                length = int(self.headers.get('Content-Length', ''))
            except ValueError:
                return self.answer(411, {'error': 'Content-Length required'})
            if length > MAX_BODY:
                return self.answer(413, {'error': f'report over {MAX_BODY} bytes'})
            raw = self.rfile.read(length)
            try:
                report = json.loads(raw)
            except ValueError as e:
                return self.answer(400, {'error': f'not JSON: {e.msg} at {e.pos}'})
            if not isinstance(report, dict) or report.get('schema') != 'netready.report/1':
                return self.answer(400, {'error': 'not a netready.report/1 report'})
            ref = 'NR-' + secrets.token_hex(4).upper()
            with open(os.path.join(store, ref + '.json'), 'wb') as f:
                f.write(raw)
            return self.answer(201, {'reference': ref})

        def do_GET(self):
            path = self.path.split('?')[0]
            ref = path[len(PREFIX) + 1:] if path.startswith(PREFIX + '/') else ''
            if not REF.fullmatch(ref) or not os.path.exists(os.path.join(store, ref + '.json')):
                return self.answer(404, {'error': 'no such report'})
            with open(os.path.join(store, ref + '.json'), 'rb') as f:
                return self.answer(200, json.load(f))

    return Handler


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--listen', required=True)
    ap.add_argument('--dir', required=True)
    a = ap.parse_args()
    host, port = a.listen.rsplit(':', 1)
    os.makedirs(a.dir, exist_ok=True)
    http.server.ThreadingHTTPServer((host, int(port)), make_handler(a.dir)).serve_forever()


if __name__ == '__main__':
    main()
