#!/usr/bin/env python3
"""Loopback-only static server for developing the netready page.

    python3 web/dev/serve.py [--port 8000] [--wasm-dir build/wasm/web]

Serves web/ at http://127.0.0.1:PORT/ (never another interface) with the page's CSP also sent as a
header, correct MIME types for .mjs/.wasm, and no caching. With --wasm-dir, /wasm/* is served from
that directory (where the build puts netready.js / netready.wasm). Open /?fake=1 for the fake.
"""
import argparse
import functools
import http.server
import os
import pathlib

WEB = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = WEB.parent / "tests" / "data" / "golden"
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' https: wss:; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
        ".json": "application/json", ".css": "text/css",
    }
    wasm_dir = None

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        # /wasm/: the built module; /golden/: core's golden runs that the dev fake replays.
        for prefix, base in (("/wasm/", self.wasm_dir), ("/golden/", str(GOLDEN))):
            if base and clean.startswith(prefix):
                rel = pathlib.PurePosixPath(clean[len(prefix):])
                if ".." in rel.parts:
                    return str(WEB / "__nonexistent__")
                return str(pathlib.Path(base) / rel)
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8000, help="0: any free port (printed)")
    ap.add_argument("--wasm-dir", help="directory served as /wasm/")
    args = ap.parse_args()
    Handler.wasm_dir = os.path.abspath(args.wasm_dir) if args.wasm_dir else None
    handler = functools.partial(Handler, directory=str(WEB))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as httpd:
        port = httpd.server_address[1]
        print(f"serving {WEB} at http://127.0.0.1:{port}/ (fake: /?fake=1)", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
