// In the lab: the support page in French (?lang=fr) runs the real check; <html lang="fr">, the
// headline is the French catalog's rendering of the report's headline_title_msg, the Start and
// Copy buttons and the row titles are French, no "[id]" of an unknown catalog id shows anywhere,
// and the report itself stays language-neutral (English keys, Text beside). A full-page
// screenshot is saved (out/e2e/french-<browser>.png, or $NETREADY_CAPTURE_DIR). Then the same page
// without ?lang= in this (English) browser stays English; the embed (web/embed-example.html with
// `locale: 'fr'` in its options) and the bookmarklet's overlay (netreadyBookmarkletOptions.locale)
// show their view in French.
// Run: lab/run-in-lab -- node tests/e2e/french.mjs [--browser chromium|firefox]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderText } from '../../web/messages.mjs';
import { loadCore, wasmDir } from '../../lab/core_module.mjs';
import { browserArg, openPage } from './page_harness.mjs';
import { bookmarklet } from '../../web/bookmarklet/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const browserName = browserArg('french');
const profile = JSON.parse(fs.readFileSync(process.env.NETREADY_LAB_PROFILE, 'utf8'));
// The catalogs the page loads (built next to the module from core/messages and web/messages).
const catalog = (l) => JSON.parse(fs.readFileSync(path.join(wasmDir, 'messages', `${l}.json`), 'utf8'));
const [en, fr] = [catalog('en'), catalog('fr')];
// Core's vocabulary: each word as Text.
const vocabulary = JSON.parse((await loadCore()).vocabulary());
const label = (status, words) => renderText(vocabulary.statuses.find((x) => x.id === status).label_msg, words);
// Every headline title core can give, in French.
const frenchTitles = new Set(vocabulary.headlines.map((h) => renderText(h.title_msg, fr)));
const outDir = process.env.NETREADY_CAPTURE_DIR || path.join(root, 'out', 'e2e');
fs.mkdirSync(outDir, { recursive: true });
const png = path.join(outDir, `french-${browserName}.png`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netready-french-'));
const { page, closeBrowser, initScript, waitFor } = await openPage(browserName, dir);
const deadline = setTimeout(() => {
  console.error('french: no result within 150 s');
  process.exit(1);
}, 150000);

// An id the catalog does not have shows as "[page.start]": never on the page.
const UNKNOWN_ID = /\[[a-z0-9-]+(\.[a-z0-9-]+)+\]/g;
const seen = () =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    start: document.getElementById('start').textContent,
    copy: document.getElementById('copy').textContent,
    headline: document.getElementById('verdict-headline').textContent,
    reason: document.getElementById('verdict-reason').textContent,
    rows: [...document.querySelectorAll('#requirements-body tr.req')].map((tr) => ({
      id: tr.dataset.id,
      title: tr.querySelector('.req-title').textContent,
      badge: tr.querySelector('.badge').textContent.trim(),
    })),
    shown: document.body.innerText,
    all: document.body.textContent,
    report: window.netreadyLastReport ?? null,
    languages: [...(navigator.languages || [navigator.language])],
    // Every catalog the page fetched (resource timing records cache hits too).
    catalogs: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\/messages\/[a-z]+\.json$/.test(p)),
  }));
const run = async (url) => {
  await page.goto(url);
  await waitFor(() => document.body.dataset.state === 'idle' && !document.getElementById('start').disabled, null, 20000);
  // The page's words are applied once its catalog is loaded (index.html holds English until
  // then): wait for that, not for a button's text.
  await waitFor(() => Boolean(document.documentElement.dataset.words), null, 20000);
  const before = await seen();
  await page.click('#start');
  await waitFor(() => ['done', 'error'].includes(document.body.dataset.state), null, 60000);
  return { before, after: await seen() };
};

try {
  await initScript((p) => {
    window.netreadyConfig = { profile: p };
  }, profile);

  // 1. French.
  {
    const { before, after } = await run('https://web.rainbow.lab/?lang=fr');
    assert.equal(after.report?.schema, 'netready.report/1', `the check ran (${after.shown.slice(0, 200)})`);
    const r = after.report;
    assert.equal(before.lang, 'fr', '<html lang="fr"> at the start');
    assert.equal(after.lang, 'fr', '<html lang="fr"> after the run');
    assert.equal(before.start, fr['page.start'], 'the Start button is French');
    assert.notEqual(fr['page.start'], en['page.start']);
    assert.equal(after.copy, fr['page.copy'], 'the Copy button is French');
    assert.notEqual(fr['page.copy'], en['page.copy']);
    assert.equal(after.title, fr['page.doc-title'], 'the document title is French');
    assert.equal(after.headline, renderText(r.headline_title_msg, fr), 'the headline is the French rendering of headline_title_msg');
    assert.equal(after.reason, renderText(r.headline_reason_msg, fr), 'the reason is the French rendering of headline_reason_msg');
    assert.notEqual(after.headline, r.headline_title, `the headline is not the English one (${after.headline})`);
    assert.equal(after.rows.length, r.requirements.length, 'one table row per requirement');
    after.rows.forEach((row, i) => {
      const q = r.requirements[i];
      assert.equal(row.id, q.id, 'row ids stay language-neutral');
      assert.equal(row.title, renderText(q.title_msg, fr), `row ${q.id}: French title`);
    });
    assert.ok(after.rows.some((row, i) => row.title !== r.requirements[i].title), 'row titles differ from the English');
    // The page's words and the facade's report texts share one fetch per catalog: French for
    // the page, English too (the report's own words).
    assert.deepEqual([...after.catalogs].sort(), ['/wasm/messages/en.json', '/wasm/messages/fr.json'],
      `each catalog fetched once (${after.catalogs})`);
    after.rows.forEach((row, i) => assert.equal(row.badge, label(r.requirements[i].status, fr), `row ${row.id}: French status`));
    for (const [where, text] of [['shown', after.shown], ['all', after.all], ['idle', before.all]]) {
      const unknown = text.match(UNKNOWN_ID);
      assert.equal(unknown, null, `no unknown catalog id in the page (${where}): ${unknown}`);
    }
    // Core's decimal figures with the French separator: the call's MOS in the media row.
    const media = r.requirements.find((q) => q.id === 'media');
    assert.equal(media?.status, 'pass', 'the relay call was placed');
    assert.match(renderText(media.summary_msg, fr), /MOS \d,\d/, 'the MOS with a decimal comma in French');
    assert.match(media.summary, /MOS \d\.\d/, 'and with a decimal point in the report\'s English');
    assert.match(after.all, /MOS \d,\d/, `the page shows the French MOS (${after.all.match(/MOS \S+/)})`);
    // The report the user copies or sends stays language-neutral.
    assert.equal(r.headline_title, renderText(r.headline_title_msg, en), 'the report keeps its English');
    assert.ok(r.requirements.every((q) => Array.isArray(q.title_msg) && q.title === renderText(q.title_msg, en)), 'English row titles with their Text');

    // One row's evidence open, for the picture.
    await page.click('tr.req[data-id="turn-udp"] .evidence-toggle').catch(() => {});
    await page.screenshot({ path: png, fullPage: true });
    const bytes = fs.readFileSync(png);
    assert.ok(bytes.length > 10000, `screenshot written (${bytes.length} bytes)`);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'the screenshot is a PNG');
    console.log(`french ${browserName}: ok ("${after.headline}", ${after.rows.length} rows in French, screenshot ${png}, ${bytes.length} bytes)`);
  }

  // 2. The browser's own language (English here): the page stays English.
  {
    const { before, after } = await run('https://web.rainbow.lab/');
    assert.ok(!before.languages.some((l) => /^fr/i.test(l)), `this browser is not French (${before.languages})`);
    const r = after.report;
    assert.equal(r?.schema, 'netready.report/1', 'the check ran');
    assert.equal(before.lang, 'en', '<html lang="en">');
    assert.equal(before.start, 'Start the check', 'the Start button is English');
    assert.equal(after.copy, 'Copy report', 'the Copy button is English');
    assert.equal(after.headline, r.headline_title, 'the headline is the report\'s English');
    assert.equal(after.headline, renderText(r.headline_title_msg, en));
    after.rows.forEach((row, i) => {
      assert.equal(row.title, r.requirements[i].title, `row ${row.id}: English title`);
      assert.equal(row.badge, label(r.requirements[i].status, en), `row ${row.id}: English status`);
    });
    assert.equal(after.shown.match(UNKNOWN_ID), null, 'no unknown catalog id in the English page');
    console.log(`french ${browserName}: English browser -> English page ok ("${after.headline}")`);
  }

  // 3. The embed, its options' locale: 'fr' (the host page's config, as in the README).
  {
    await initScript((p) => {
      window.rainbowConfig = {
        locale: 'fr',
        iceServers: p.turn.map((t) => ({ urls: t.urls, username: t.username, credential: t.credential, region: t.region })),
        profile: { https: p.https, xmpp: p.xmpp },
      };
    }, profile);
    await page.goto('https://web.rainbow.lab/embed-example.html');
    const state = (want) => waitFor((w) => document.querySelector('#netready').dataset.netreadyState === w, want, 60000);
    await state('idle');
    const view = () => page.evaluate(() => {
      const r = document.querySelector('#netready').shadowRoot;
      return { lang: r.querySelector('[part=view]').lang, headline: r.querySelector('h2').textContent,
        state: r.querySelector('p').textContent, cancel: r.querySelector('button.cancel').textContent,
        rows: [...r.querySelectorAll('li')].map((li) => li.textContent) };
    });
    const idle = await view();
    assert.deepEqual([idle.lang, idle.headline, idle.state, idle.cancel], ['fr', fr['embed.title'], fr['embed.ready'], fr['embed.cancel']], 'the embed view in French');
    await page.click('#check');
    await state('done');
    const done = await view();
    assert.ok(frenchTitles.has(done.headline), `the embed's headline is French (${done.headline})`);
    assert.ok(done.rows.length >= 5 && done.rows.every((r) => vocabulary.statuses.some((x) => r.startsWith(renderText(x.label_msg, fr)))), `embed rows with French statuses (${done.rows[0]})`);
    console.log(`french ${browserName}: embed with locale 'fr' ok ("${done.headline}")`);
  }

  // 4. The bookmarklet's overlay on another site's page, with the option locale: 'fr'.
  {
    const code = decodeURIComponent(bookmarklet(fs.readFileSync(path.join(root, 'web/bookmarklet/loader.js'), 'utf8'), 'https://web.rainbow.lab').slice('javascript:'.length));
    await page.goto('https://rainbow.lab/dev/bm-test/plain.html');
    await page.evaluate((p) => { window.netreadyBookmarkletOptions = { profile: p, locale: 'fr' }; }, profile);
    await page.evaluate(code);
    await waitFor(() => !!document.querySelector('[data-netready-overlay]')?.getAttribute('data-verdict'), null, 60000);
    const shown = await page.evaluate(() => {
      const r = document.querySelector('[data-netready-overlay]').shadowRoot;
      return { lang: r.querySelector('.card').lang, title: r.getElementById('t').textContent, close: r.getElementById('close').textContent,
        copy: r.getElementById('copy').textContent, rows: [...r.querySelectorAll('li')].map((li) => li.textContent), text: r.textContent };
    });
    assert.equal(shown.lang, 'fr');
    assert.ok(frenchTitles.has(shown.title), `the overlay's headline is French (${shown.title})`);
    assert.deepEqual([shown.close, shown.copy], [fr['overlay.close'], fr['overlay.copy']], 'the overlay buttons in French');
    assert.equal(shown.rows.length, 9, 'one line per requirement row');
    assert.equal(shown.text.match(UNKNOWN_ID), null, 'no unknown catalog id in the overlay');
    console.log(`french ${browserName}: bookmarklet overlay with locale 'fr' ok ("${shown.title}")`);
  }
} finally {
  clearTimeout(deadline);
  await closeBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
}
