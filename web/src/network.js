// network.js - the signed network of states: nodes coloured by bloc, edges
// green (cooperation) or red (conflict), width by events.
import { getJSON, exportButtons } from './api.js';

export const PALETTE = ['#4e79a7', '#e15759', '#f28e2b', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
export const blocColour = b => (b < 0 ? '#cccccc' : PALETTE[b % PALETTE.length]);

let cy = null;
let model = null;       // last /api/model answer
let shown = null;       // the graph on screen (whole period or one window)

// Model parameters from the view state.
export function modelParams(st) {
  return {
    window: st.window === 'all' ? '' : st.window || 'year',
    root: st.root, quad: st.quad, modality: st.modality,
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
    els.push({ data: { id: n.id, label: n.id, bloc: n.bloc, colour: blocColour(n.bloc),
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
          'text-halign': 'right', 'text-margin-x': 3 } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#222' } },
        { selector: 'edge', style: { 'line-color': 'data(colour)', width: 'data(width)',
          opacity: 0.8, 'curve-style': 'bezier' } },
        { selector: 'edge[sign = 0]', style: { 'line-style': 'dashed' } },
      ],
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', ev => onNode(ev.target.id()));
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
    li.append(sw, `bloc ${b.id + 1} (${Math.round(b.share * 100)}%): ${b.members.join(' ')}`);
    ul.appendChild(li);
  }
  const p = g.polarity;
  document.getElementById('polarity').textContent = p
    ? `blocs ${p.blocs}, effective poles ${p.effective_poles.toFixed(2)}, bipolarity ${p.bipolarity.toFixed(2)}, frustration ${(p.frustration_share * 100).toFixed(1)}%`
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
