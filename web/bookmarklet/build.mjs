#!/usr/bin/env node
// Prints the netready bookmarklet for an origin:  node web/bookmarklet/build.mjs https://support.example.com
// (the support page web/bookmarklet.html builds the same link for its own origin).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bookmarklet } from './link.mjs';

export { bookmarklet };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const origin = process.argv[2];
  if (!origin || !/^https?:\/\/[^/]+$/.test(origin.replace(/\/+$/, ''))) {
    console.error('usage: node web/bookmarklet/build.mjs https://netready.origin');
    process.exit(2);
  }
  const src = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'loader.js'), 'utf8');
  console.log(bookmarklet(src, origin));
}
