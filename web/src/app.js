// app.js - the dashboard: the view state lives in the URL's fragment
// (#view=network&window=year&at=2023&node=RUS ...), so that every view can
// be shared; changing it re-renders.
import { loadModel, drawNetwork, windowLabels, focusNode, modelParams, findActor, actorOptions } from './network.js';
import { showPartners, hidePartners } from './partners.js';
import { showDyad } from './dyad.js';
import { showDocument } from './doc.js';
import { showMap } from './map.js';

const KEYS = ['view', 'window', 'from', 'to', 'at', 'root', 'quad', 'modality', 'min-events',
  'max-blocs', 'node', 'a', 'b', 'id', 'event'];

function readState() {
  const q = new URLSearchParams(location.hash.slice(1));
  const st = {};
  for (const k of KEYS) if (q.get(k)) st[k] = q.get(k);
  st.view = st.view || 'network';
  return st;
}

// The fragment for state st changed by patch; with `only`, return it
// without navigating.
function go(patch, only = false) {
  const st = { ...readState(), ...patch };
  const q = new URLSearchParams();
  for (const k of KEYS) if (st[k] !== undefined && st[k] !== null && st[k] !== '') q.set(k, st[k]);
  const frag = q.toString();
  if (!only) location.hash = frag;
  return frag;
}

const status = msg => { document.getElementById('status').textContent = msg || ''; };

let modelKey = '';
let playing = null;

async function renderNetwork(st) {
  const key = JSON.stringify(modelParams(st));
  if (key !== modelKey) {
    const m = await loadModel(st);
    modelKey = key;
    const sel = document.getElementById('at');
    sel.replaceChildren(new Option('whole period', ''));
    for (const w of windowLabels(m)) sel.add(new Option(w, w));
    const dl = document.getElementById('actors');
    dl.replaceChildren(...actorOptions(m));
  }
  document.getElementById('at').value = st.at || '';
  drawNetwork(st, {
    onNode: id => go({ node: id }),
    onEdge: (a, b) => go({ view: 'dyad', a, b }),
  });
  if (st.node) await showPartners(st, st.node);
  else hidePartners();
}

async function render() {
  const st = readState();
  document.body.dataset.ready = 'loading';
  for (const v of ['network', 'dyad', 'doc', 'map'])
    document.getElementById(v + '-view').hidden = st.view !== v;
  const f = document.getElementById('filters');
  for (const el of f.elements) if (el.name && el.name !== 'at') el.value = st[el.name] || (el.name === 'window' ? 'year' : '');
  const crumb = document.getElementById('crumb');
  crumb.replaceChildren();
  if (st.a && st.b) {
    const l = document.createElement('a');
    l.href = '#' + go({ view: 'dyad' }, true);
    l.textContent = `${st.a}–${st.b}`;
    crumb.appendChild(l);
  }
  if (st.view === 'doc' && st.id) crumb.append(' › ' + st.id);
  status('');
  try {
    if (st.view === 'dyad' && st.a && st.b) await showDyad(st, go);
    else if (st.view === 'doc' && st.id) await showDocument(st);
    else if (st.view === 'map') await showMap(st);
    else await renderNetwork(st);
    document.body.dataset.ready = st.view;
  } catch (e) {
    status(e.message);
    document.body.dataset.ready = 'error';
  }
}

function setup() {
  const root = document.getElementById('root');
  for (let i = 1; i <= 20; i++) {
    const c = String(i).padStart(2, '0');
    root.add(new Option(c, c));
  }
  // Enter in a date field applies it (change), it does not submit the form
  document.getElementById('filters').addEventListener('submit', ev => ev.preventDefault());
  document.getElementById('filters').addEventListener('change', ev => {
    const el = ev.target;
    if (!el.name) return;
    if (el.validity && !el.validity.valid) { status(`${el.name}: expected YYYY, YYYY-MM or YYYY-MM-DD`); return; }
    const patch = { [el.name]: el.value };
    if (el.name === 'window' || el.name === 'from' || el.name === 'to') patch.at = '';
    go(patch);
  });
  document.getElementById('play').addEventListener('click', ev => {
    const btn = ev.currentTarget;
    if (playing) {
      clearInterval(playing);
      playing = null;
      btn.textContent = 'Play';
      btn.setAttribute('aria-pressed', 'false');
      return;
    }
    const opts = [...document.getElementById('at').options].map(o => o.value).filter(Boolean);
    if (!opts.length) return;
    let i = Math.max(0, opts.indexOf(readState().at || '') + 1) % opts.length;
    btn.textContent = 'Pause';
    btn.setAttribute('aria-pressed', 'true');
    const step = () => { go({ at: opts[i] }); i++; if (i >= opts.length) { clearInterval(playing); playing = null; btn.textContent = 'Play'; btn.setAttribute('aria-pressed', 'false'); } };
    step();
    if (playing !== null || i < opts.length) playing = setInterval(step, 1500);
  });
  document.getElementById('search').addEventListener('submit', ev => {
    ev.preventDefault();
    const q = document.getElementById('search-input').value.trim();
    // a name or code ("Iran", "iran", "IRN", "Iran (IRN)"), or a pair of them
    const one = findActor(q);
    const pair = q.split(/\s*[,–]\s*|\s+-\s+|(?<=^[A-Za-z0-9]+)-(?=[A-Za-z0-9]+$)/).filter(Boolean);
    if (!one && pair.length === 2) {
      const [a, b] = pair.map(findActor);
      if (a && b) { go({ view: 'dyad', a, b }); return; }
    }
    if (!one) { status(`Search: no actor named "${q}" in this network (try a name such as Iran, a code such as IRN, or a pair such as RUS-PRK)`); return; }
    if (readState().view === 'network') focusNode(one);
    go({ view: 'network', node: one });
  });
  document.getElementById('help-button').addEventListener('click', ev => {
    const help = document.getElementById('help');
    help.hidden = !help.hidden;
    ev.currentTarget.setAttribute('aria-expanded', String(!help.hidden));
  });
  window.addEventListener('hashchange', render);
  render();
}

setup();
