// Browser tests of the dashboard in headless Chromium (playwright-core,
// the Debian chromium binary; nothing is downloaded). Builds a store from the
// demo corpus, starts `dyad serve` on a free loopback port and walks through
// the network, a node's partners, the Russia–North Korea dyad, an evidence
// sentence with its highlight and its document. Every request must stay on
// the server (the dashboard works offline). Screenshots go to
// build/screenshots/.
//
// Usage: DYAD=build/dyad node tests/web/browser.mjs
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');
const DYAD = process.env.DYAD || join(ROOT, 'build/dyad');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ASSETS = join(ROOT, 'build/web');
const SHOTS = join(ROOT, 'build/screenshots');

let pass = 0, fail = 0;
const ok = () => { pass++; };
const bad = msg => { fail++; console.error('FAIL: ' + msg); };
const check = (cond, msg) => (cond ? ok() : bad(msg));

const tmp = mkdtempSync(join(tmpdir(), 'dyad-web-'));
let server = null, ctx = null;

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (scripts/install-deps installs chromium)`);
  if (!existsSync(join(ASSETS, 'index.html'))) throw new Error('build/web missing: run make web');
  mkdirSync(SHOTS, { recursive: true });
  const db = join(tmp, 'demo.db');
  execFileSync(DYAD, ['ingest', '-q', '--db', db, join(ROOT, 'data/demo/briefs.jsonl')], { stdio: 'inherit' });

  server = spawn(DYAD, ['serve', '--db', db, '--port', '0', '--assets', ASSETS], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error('dyad serve printed no URL')), 10000);
    server.stdout.on('data', d => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(t); res(m[0]); }
    });
    server.on('exit', c => rej(new Error('dyad serve exited ' + c)));
  });

  ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offsite = [];
  await ctx.route('**/*', r => {
    if (r.request().url().startsWith(base)) return r.continue();
    offsite.push(r.request().url());
    return r.abort();
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  const ready = view => page.waitForSelector(`body[data-ready="${view}"]`, { timeout: 20000 });

  // 1. the network, both (or more) blocs
  await page.goto(base + '#view=network&window=year');
  await ready('network');
  const legend = await page.locator('#legend li').count();
  check(legend >= 2, `network: ${legend} blocs in the legend, want at least 2`);
  const net = await page.evaluate(() => {
    const cy = window.__dyad.cy;
    const colours = new Set(cy.nodes().map(n => n.data('colour')));
    const blocs = new Set(cy.nodes().map(n => n.data('bloc')).filter(b => b >= 0));
    return { nodes: cy.nodes().length, edges: cy.edges().length, colours: colours.size, blocs: blocs.size,
      apiBlocs: window.__dyad.shown.blocs.length,
      bloc: Object.fromEntries(cy.nodes().map(n => [n.id(), n.data('bloc')])),
      ids: cy.nodes().map(n => n.id()), signs: cy.edges().map(e => e.data('sign')) };
  });
  // The demo's two camps: Russia with North Korea, the US with Japan and
  // South Korea (docs/model.md; the model decides, the page must show it).
  const b = net.bloc;
  check(b.RUS !== undefined && b.RUS === b.PRK, `network: RUS and PRK in one bloc (${b.RUS}, ${b.PRK})`);
  check(b.USA !== undefined && b.USA === b.JPN && b.USA === b.KOR,
    `network: USA, JPN, KOR in one bloc (${b.USA}, ${b.JPN}, ${b.KOR})`);
  check(b.RUS !== b.USA, `network: RUS and USA in different blocs (${b.RUS}, ${b.USA})`);
  check(net.blocs >= 2 && net.colours >= 2, `network: nodes of ${net.blocs} blocs in ${net.colours} colours, want 2 or more`);
  check(net.blocs === net.apiBlocs, `network: ${net.blocs} blocs drawn, the model has ${net.apiBlocs}`);
  check(net.ids.includes('RUS') && net.ids.includes('PRK'), 'network: RUS and PRK are nodes');
  check(net.signs.includes(1) && net.signs.includes(-1), 'network: cooperative and conflictual edges');
  await page.screenshot({ path: join(SHOTS, 'network.png') });

  // 2. a time window
  const windows = await page.locator('#at option').evaluateAll(os => os.map(o => o.value).filter(Boolean));
  check(windows.includes('2023'), `network: window 2023 offered (${windows.join(' ')})`);
  await page.selectOption('#at', '2023');
  await page.waitForFunction(() => location.hash.includes('at=2023'));
  await ready('network');
  check((await page.textContent('#net-title')).includes('2023'), 'network: window 2023 shown');

  // 3. a node's partners
  await page.evaluate(() => window.__dyad.cy.getElementById('RUS').emit('tap'));
  await page.waitForFunction(() => location.hash.includes('node=RUS'));
  await ready('network');
  await page.waitForSelector('#partners-panel:not([hidden]) #partners-table tbody tr');
  const prow = await page.locator('#partners-table tbody tr').count();
  check(prow > 0, 'partners: RUS has ranked partners');
  await page.screenshot({ path: join(SHOTS, 'partners.png') });

  // 4. actor search
  await page.fill('#search-input', 'prk');
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => location.hash.includes('node=PRK'));
  await ready('network');
  check((await page.textContent('#partners-title')).includes('PRK'), 'search: PRK partners shown');

  // 5. the Russia–North Korea dyad, by clicking its edge
  await page.goto(base + '#view=network&window=year');
  await ready('network');
  const edge = await page.evaluate(() => {
    const e = window.__dyad.cy.edges().filter(x => [x.data('source'), x.data('target')].sort().join() === 'PRK,RUS');
    if (!e.length) return null;
    e[0].emit('tap');
    return e[0].id();
  });
  check(edge !== null, 'network: an edge between RUS and PRK');
  if (edge === null) await page.goto(base + '#view=dyad&a=RUS&b=PRK');
  await ready('dyad');
  const hash = await page.evaluate(() => location.hash);
  check(/view=dyad/.test(hash) && /a=(PRK|RUS)/.test(hash) && /b=(PRK|RUS)/.test(hash), `dyad: URL encodes the view (${hash})`);
  const rows = await page.locator('#events-table tbody tr').count();
  check(rows > 0, 'dyad: events listed');
  check(await page.locator('#dyad-chart').isVisible(), 'dyad: chart drawn');
  // an evidence sentence with source, verb and target marked
  const hl = page.locator('#events-table tbody tr', { has: page.locator('td.evidence mark.verb') })
    .filter({ has: page.locator('td.evidence mark.src') }).filter({ has: page.locator('td.evidence mark.tgt') }).first();
  check(await hl.count() === 1, 'dyad: an evidence sentence with source, verb and target highlighted');
  const verb = (await hl.locator('mark.verb').first().textContent()).trim();
  const sentence = (await hl.locator('td.evidence').textContent()).trim();
  check(verb.length > 0 && sentence.includes(verb), `dyad: verb "${verb}" inside its sentence`);
  const evId = await hl.getAttribute('data-event');
  await page.screenshot({ path: join(SHOTS, 'dyad.png'), fullPage: true });

  // export: CSV of the event list
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#events-export button[data-export="csv"]')]);
  const csv = readFileSync(await dl.path(), 'utf8');
  check(csv.startsWith('id,doc,sent,date,source,target,code,') && csv.split('\n').length >= rows + 1, 'dyad: CSV export of the events');
  const [dj] = await Promise.all([page.waitForEvent('download'), page.click('#series-export button[data-export="json"]')]);
  const series = JSON.parse(readFileSync(await dj.path(), 'utf8'));
  check(Array.isArray(series.series) && series.series.length > 0, 'dyad: JSON export of the series');

  // 6. follow the sentence to its document
  await hl.locator('a.doc-link').click();
  await ready('doc');
  const docHash = await page.evaluate(() => location.hash);
  check(docHash.includes('view=doc') && docHash.includes('event=' + evId), `document: URL names the document and event (${docHash})`);
  const text = await page.textContent('#doc-text');
  check(text.includes(sentence), 'document: holds the evidence sentence');
  const cur = await page.locator('#doc-text mark.current').count();
  check(cur > 0, 'document: the event is highlighted in the text');
  check(await page.locator(`#doc-events tr[data-event="${evId}"]`).count() === 1, 'document: the event in its event list');
  await page.screenshot({ path: join(SHOTS, 'document.png'), fullPage: true });

  // 7. the URL is enough to come back (a fresh page)
  const p2 = await ctx.newPage();
  await p2.goto(base + docHash);
  await p2.waitForSelector('body[data-ready="doc"]');
  check((await p2.textContent('#doc-text')).includes(sentence), 'shared URL: same document');
  await p2.close();

  // 8. a bad parameter shows the server's message, no crash
  await page.goto(base + '#view=dyad&a=RUS&b=PRK&window=week');
  await ready('error');
  check((await page.textContent('#status')).includes('window: expected'), 'bad URL: the API error is shown');

  // 9. the map: countries drawn, the demo's places (Pyongyang named in a
  // sentence, Russia placed by its actors), a point's events and evidence
  await page.goto(base + '#view=map');
  await ready('map');
  const map = await page.evaluate(() => ({
    countries: document.querySelectorAll('#map-svg path.country').length,
    shaded: [...document.querySelectorAll('#map-svg path.country')].filter(p => p.getAttribute('fill') !== '#e8e8e8').length,
    places: [...document.querySelectorAll('#map-svg circle.place')].map(c => c.dataset.name),
  }));
  check(map.countries > 150, `map: ${map.countries} countries drawn`);
  check(map.shaded >= 5, `map: ${map.shaded} countries shaded by their events`);
  check(map.places.includes('Pyongyang'), `map: a Pyongyang point (${map.places.join(', ')})`);
  check(map.places.includes('Russia') || map.places.includes('Moscow'), 'map: a Moscow or Russia point');
  await page.dispatchEvent('#map-svg circle.place[data-name="Pyongyang"]', 'click');
  const mapRows = await page.locator('#map-events tbody tr').count();
  check(mapRows >= 1, `map: clicking Pyongyang lists ${mapRows} events`);
  const mapEv = await page.textContent('#map-events tbody tr td:last-child');
  check(/Pyongyang/.test(mapEv || ''), `map: the evidence names Pyongyang (${mapEv})`);
  await page.screenshot({ path: join(SHOTS, 'map.png') });

  check(offsite.length === 0, `offline: requests left the server: ${offsite.join(' ')}`);
  const real = errors.filter(e => !/Failed to load resource: the server responded with a status of 400/.test(e));
  check(real.length === 0, `no page errors: ${real.join(' | ')}`);
}

try {
  await main();
} catch (e) {
  bad(e.stack || String(e));
} finally {
  if (ctx) await ctx.close().catch(() => {});
  if (server && server.exitCode === null) server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`web: ${pass} passed, ${fail} failed (screenshots in build/screenshots/)`);
process.exit(fail ? 1 : 0);
