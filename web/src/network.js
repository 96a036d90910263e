// network.js - the signed network of states: nodes coloured by bloc, edges
// green (cooperation) or red (conflict), width by events.
import { getJSON, exportButtons } from './api.js';

export const PALETTE = ['#4e79a7', '#e15759', '#f28e2b', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#17becf'];
export const NO_BLOC = '#cccccc';
// Blocs past the palette get hues spaced by the golden angle, so that no two
// blocs shown share a colour.
export const blocColour = b => (b < 0 ? NO_BLOC : b < PALETTE.length ? PALETTE[b]
  : `hsl(${Math.round((b * 137.508) % 360)}, 55%, ${b % 2 ? 42 : 62}%)`);

let cy = null;
let model = null;       // last /api/model answer
let shown = null;       // the graph on screen (whole period or one window)

// Model parameters from the view state.
export function modelParams(st) {
  return {
    window: st.window === 'all' ? '' : st.window || 'year',
    from: st.from, to: st.to, root: st.root, quad: st.quad, modality: st.modality,
    'min-events': st['min-events'], 'max-blocs': st['max-blocs'],
  };
}

export async function loadModel(st) {
  model = await getJSON('api/model', modelParams(st));
  return model;
}

// Windows that hold at least one node, for the selector.
export function windowLabels(m) {
  return (m.windows || []).filter(w => w.nodes.length).map(w => w.window);
}

function graphAt(m, at) {
  if (!at) return m;
  return (m.windows || []).find(w => w.window === at) || m;
}

// Draw the graph of window `at` ('' = whole period); handlers get ids.
export function drawNetwork(st, { onNode, onEdge }) {
  const g = graphAt(model, st.at);
  shown = g;
  const maxEv = Math.max(1, ...g.edges.map(e => e.events));
  const els = [];
  for (const n of g.nodes)
    els.push({ data: { id: n.id, label: n.name || n.id, name: n.name || n.id, bloc: n.bloc, colour: blocColour(n.bloc),
      size: 18 + 30 * Math.sqrt(n.events / Math.max(1, ...g.nodes.map(x => x.events))) } });
  for (const e of g.edges)
    els.push({ data: { id: e.source + '-' + e.target, source: e.source, target: e.target,
      sign: e.sign, events: e.events,
      colour: e.sign > 0 ? '#1a9850' : e.sign < 0 ? '#d73027' : '#999999',
      width: 1 + 9 * Math.sqrt(e.events / maxEv) } });
  if (!cy) {
    cy = window.cytoscape({
      container: document.getElementById('cy'),
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)',
          width: 'data(size)', height: 'data(size)', 'font-size': 11, 'text-valign': 'center',
          'text-halign': 'right', 'text-margin-x': 3, 'text-outline-color': '#fff',
          'text-outline-width': 2, 'min-zoomed-font-size': 7, 'text-max-width': 120, 'text-wrap': 'ellipsis' } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#222' } },
        { selector: 'edge', style: { 'line-color': 'data(colour)', width: 'data(width)',
          opacity: 0.8, 'curve-style': 'bezier' } },
        { selector: 'edge[sign = 0]', style: { 'line-style': 'dashed' } },
      ],
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', ev => onNode(ev.target.id()));
    // tooltips: name, code and bloc of a node, the events of an edge
    const box = document.getElementById('cy');
    cy.on('mouseover', 'node', ev => { const d = ev.target.data();
      box.title = `${d.name} (${d.id})` + (d.bloc >= 0 ? `, bloc ${d.bloc}` : ', no bloc'); });
    cy.on('mouseover', 'edge', ev => { const d = ev.target.data();
      box.title = `${d.source}–${d.target}: ${d.events} events`; });
    cy.on('mouseout', () => { box.title = ''; });
    cy.on('tap', 'edge', ev => onEdge(ev.target.data('source'), ev.target.data('target')));
  }
  cy.elements().remove();
  cy.add(els);
  cy.resize();
  cy.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 40,
    nodeRepulsion: () => 9000, idealEdgeLength: () => 90 }).run();
  cy.fit(undefined, 40);
  if (st.node && cy.getElementById(st.node).length) cy.getElementById(st.node).select();
  window.__dyad = { cy, model, shown };   // for the browser tests
  legend(g);
  document.getElementById('net-title').textContent =
    'Network — ' + (st.at ? st.at : 'whole period') + ` (${g.nodes.length} actors, ${g.edges.length} ties)`;
  exportButtons(document.getElementById('net-export'), () => ({
    name: 'dyad-network-' + (st.at || 'all'), json: g, rows: g.edges,
    cols: ['source', 'target', 'sign', 'weight', 'balance', 'events', 'quad', 'goldstein_mean', 'coop_share', 'frustrated'],
  }));
  return g;
}

function legend(g) {
  const ul = document.getElementById('legend');
  ul.replaceChildren();
  for (const b of g.blocs) {
    const li = document.createElement('li');
    li.dataset.bloc = b.id;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = blocColour(b.id);
    const names = b.members.map(id => (g.nodes.find(n => n.id === id) || {}).name || id);
    li.append(sw, `bloc ${b.id} (${Math.round(b.share * 100)}%): ${names.join(', ')}`);
    ul.appendChild(li);
  }
  const loose = g.nodes.filter(n => n.bloc < 0);
  if (loose.length) {
    const li = document.createElement('li');
    li.dataset.bloc = -1;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = NO_BLOC;
    li.append(sw, `no bloc (no signed tie): ${loose.map(n => n.name || n.id).join(', ')}`);
    ul.appendChild(li);
  }
  const p = g.polarity;
  document.getElementById('polarity').textContent = p
    ? `${model.left_out ? model.left_out + ' events of non-state actors left out; ' : ''}blocs ${p.blocs}, effective poles ${p.effective_poles.toFixed(2)}, bipolarity ${p.bipolarity.toFixed(2)}, frustration ${(p.frustration_share * 100).toFixed(1)}%`
    : '';
}

export function focusNode(id) {
  if (!cy) return false;
  const n = cy.getElementById(id);
  if (!n.length) return false;
  cy.$(':selected').unselect();
  n.select();
  cy.animate({ center: { eles: n } }, { duration: 200 });
  return true;
}

// <option>s for the search box: "Name (CODE)" of every actor of model m.
export function actorOptions(m) {
  const seen = new Map();
  for (const g of [m, ...(m.windows || [])]) for (const n of g.nodes) seen.set(n.id, n.name || n.id);
  return [...seen].sort((x, y) => x[1].localeCompare(y[1])).map(([id, name]) => new Option(`${name} (${id})`));
}

// The code of the actor that q names: a code in any case ("irn"), a name
// ("Iran", case and accents aside), "Name (CODE)", or a unique name prefix;
// null when none.
export function findActor(q) {
  if (!model || !q) return null;
  const fold = s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const m = q.match(/\(([A-Za-z0-9]+)\)\s*$/);
  const want = fold(m ? m[1] : q);
  const all = new Map();
  for (const g of [model, ...(model.windows || [])]) for (const n of g.nodes) all.set(n.id, n.name || n.id);
  for (const [id] of all) if (fold(id) === want) return id;
  for (const [id, name] of all) if (fold(name) === want) return id;
  const pre = [...all].filter(([, name]) => fold(name).startsWith(want));
  if (pre.length === 1) return pre[0][0];
  // a code of an actor not drawn (RUSGOV, or three letters): the API decides
  if (/^[A-Z]{3}[A-Z0-9]*$/.test(q) || /^[A-Za-z]{3}$/.test(q)) return q.toUpperCase();
  return null;
}