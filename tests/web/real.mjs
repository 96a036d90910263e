// Browser test of the dashboard on real news (issue 13): a store built from
// the Wikinews corpus of ../shared (2019-2020), served by `dyad serve`, in
// headless Chromium (playwright-core with Debian's chromium). Checks names
// on the nodes, search by name ("Iran"), the date filter (URL state, the
// windows offered and the API's range) and the help panel. Without the
// corpus it says so and exits 0 (the CLI tests skip it the same way).
//
// Usage: DYAD=build/dyad node tests/web/real.mjs
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, existsSync } from 'node:fs';
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
const CORPUS = join(ROOT, '../shared/corpus/wikinews_2019_2020.jsonl');

let pass = 0, fail = 0;
const ok = () => { pass++; };
const bad = msg => { fail++; console.error('FAIL: ' + msg); };
const check = (cond, msg) => (cond ? ok() : bad(msg));

const tmp = mkdtempSync(join(tmpdir(), 'dyad-real-'));
let server = null, ctx = null;

// Start `dyad serve` on a free port; resolves to its base URL.
function serve(db) {
  server = spawn(DYAD, ['serve', '--db', db, '--port', '0', '--assets', ASSETS], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let out = '';
    const t = setTimeout(() => rej(new Error('dyad serve printed no URL')), 10000);
    server.stdout.on('data', d => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(t); res(m[0]); }
    });
    server.on('exit', c => rej(new Error('dyad serve exited ' + c)));
  });
}

async function main() {
  if (!existsSync(CORPUS)) { console.error(`note: ${CORPUS} absent; real-news browser test skipped`); return; }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (scripts/install-deps installs chromium)`);
  if (!existsSync(join(ASSETS, 'index.html'))) throw new Error('build/web missing: run make web');
  mkdirSync(SHOTS, { recursive: true });
  const db = join(tmp, 'wikinews.db');
  execFileSync(DYAD, ['ingest', '-q', '--db', db, CORPUS], { stdio: 'inherit' });
  const base = await serve(db);

  ctx = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await ctx.route('**/*', r => (r.request().url().startsWith(base) ? r.continue() : r.abort()));
  const page = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(e.message));
  const ready = view => page.waitForSelector(`body[data-ready="${view}"]`, { timeout: 30000 });

  // 1. names on the nodes; only states and organisations; 2019-2020 only
  await page.goto(base + '#view=network&window=year');
  await ready('network');
  const net = await page.evaluate(() => {
    const cy = window.__dyad.cy;
    return { nodes: cy.nodes().map(n => ({ id: n.id(), label: n.data('label') })),
      windows: window.__dyad.model.windows.map(w => w.window), leftOut: window.__dyad.model.left_out };
  });
  const byId = Object.fromEntries(net.nodes.map(n => [n.id, n.label]));
  check(byId.IRN === 'Iran', `names: Iran's node is labelled "Iran" (${byId.IRN})`);
  check(byId.USA === 'United States', `names: USA's node is labelled "United States" (${byId.USA})`);
  check(net.nodes.length > 0 && net.nodes.every(n => n.label !== n.id),
    `names: every node has a name (${net.nodes.filter(n => n.label === n.id).map(n => n.id).join(' ')})`);
  check(net.nodes.every(n => /^([A-Z]{3}|(IGO|NGO|NGM)[A-Z]{3})$/.test(n.id) &&
    !['CVL', 'GOV', 'MOS', 'EUR', 'WST', 'BUS', 'MED', 'KUR'].includes(n.id)),
  `nodes: states and organisations only (${net.nodes.map(n => n.id).join(' ')})`);
  check(JSON.stringify(net.windows) === '["2019","2020"]', `time: windows 2019 and 2020 only (${net.windows.join(' ')})`);
  check(net.leftOut > 0 && (await page.textContent('#polarity')).includes('left out'), 'nodes: the left-out events are reported');
  check((await page.textContent('#legend')).includes('United States'), 'legend: blocs list names');
  await page.screenshot({ path: join(SHOTS, 'real-network.png') });

  // 2. search by name: "Iran" (as typed, any case) selects IRN and its partners
  await page.fill('#search-input', 'iran');
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => location.hash.includes('node=IRN'));
  await ready('network');
  await page.waitForSelector('#partners-panel:not([hidden]) #partners-table tbody tr');
  check((await page.textContent('#partners-title')).includes('Iran'), 'search: "iran" shows Iran\'s partners');
  const names = await page.locator('#partners-table tbody tr td:nth-child(3)').allTextContents();
  check(names.length > 0 && names.every(n => /[a-z]/.test(n)), `partners: a name per partner (${names.join(', ')})`);
  const opts = await page.locator('#actors option').evaluateAll(os => os.map(o => o.value));
  check(opts.includes('Iran (IRN)'), 'search: the suggestions hold "Iran (IRN)"');
  await page.fill('#search-input', 'Atlantis');
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('no actor named'));
  ok();

  // 3. the date filter: From 2020 keeps the URL state and the windows of 2020
  await page.goto(base + '#view=network&window=year');
  await ready('network');
  await page.fill('#from', '2020');
  await page.press('#from', 'Enter');
  await page.locator('#from').dispatchEvent('change');
  await page.waitForFunction(() => location.hash.includes("from=2020"));
  await ready('network');
  const w2020 = await page.locator('#at option').evaluateAll(os => os.map(o => o.value).filter(Boolean));
  check(JSON.stringify(w2020) === '["2020"]', `date filter: only 2020 offered (${w2020.join(' ')})`);
  const ranged = await page.evaluate(() => window.__dyad.model.windows.map(w => w.window));
  check(JSON.stringify(ranged) === '["2020"]', `date filter: the model asked for 2020 (${ranged.join(' ')})`);
  // a fresh page from the URL restores the filter
  const p2 = await ctx.newPage();
  await p2.goto(base + '#view=network&window=year&from=2020&to=2020-06');
  await p2.waitForSelector('body[data-ready="network"]', { timeout: 30000 });
  check(await p2.inputValue('#from') === '2020' && await p2.inputValue('#to') === '2020-06', 'date filter: restored from the URL');
  await p2.close();
  // a bad date is refused in the page, the URL is left alone
  await page.fill('#to', '2020-13-99x');
  await page.locator('#to').dispatchEvent('change');
  check(!(await page.evaluate(() => location.hash)).includes('2020-13'), 'date filter: a malformed date is not applied');

  // 4. the help panel explains the metrics
  check(await page.locator('#help').isHidden(), 'help: closed at first');
  await page.click('#help-button');
  check(await page.locator('#help').isVisible(), 'help: opens');
  const help = await page.textContent('#help');
  for (const term of ['Effective poles', 'Bipolarity', 'Frustration', 'Balance', 'no bloc'])
    check(help.includes(term), `help: explains ${term}`);
  await page.screenshot({ path: join(SHOTS, 'real-help.png') });
  await page.click('#help-button');
  check(await page.locator('#help').isHidden(), 'help: closes');

  check(errors.length === 0, `no page errors: ${errors.join(' | ')}`);
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
console.log(`web (real news): ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
