// Starts web/dev/serve.py on a free loopback port for the page tests (web.page_smoke,
// web.page_firefox): resolves to { base, server, log() } once it listens; rejects after 10 s.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function startServe(wasmDir) {
  const server = spawn('python3', [path.join(here, 'serve.py'), '--port', '0', '--wasm-dir', wasmDir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = ''; // its request log, for a failing test to print
  server.stderr.on('data', (d) => { log += d; });
  return new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(buf);
      if (m) resolve({ base: `http://127.0.0.1:${m[1]}/`, server, log: () => log });
    });
    server.on('exit', (code) => reject(new Error(`serve.py exited ${code}`)));
    setTimeout(() => reject(new Error('serve.py did not start within 10 s')), 10000);
  });
}
