// partners.js - an actor's partners ranked by cooperation, per window.
import { getJSON, exportButtons } from './api.js';
import { PALETTE } from './network.js';

let chart = null;

export async function showPartners(st, actor) {
  const panel = document.getElementById('partners-panel');
  panel.hidden = false;
  const by = st.window && st.window !== 'all' ? st.window : 'year';
  const p = await getJSON('api/partners', { actor, by, top: 0, from: st.from, to: st.to,
    root: st.root, quad: st.quad, modality: st.modality });
  document.getElementById('partners-title').textContent =
    `Partners of ${p.actor_name && p.actor_name !== actor ? p.actor_name + ' (' + actor + ')' : actor} by ${by}`;
  const wins = p.windows.filter(w => w.partners.length);
  // the window shown in the network; the whole period ranked over all windows
  const at = st.at ? wins.find(w => w.window === st.at) : whole(p);
  const tb = document.querySelector('#partners-table tbody');
  tb.replaceChildren();
  for (const r of at ? at.partners : []) {
    const tr = document.createElement('tr');
    const change = r.prev_rank == null ? 'new' : r.prev_rank === r.rank ? '=' :
      (r.prev_rank > r.rank ? '▲' : '▼') + Math.abs(r.prev_rank - r.rank);
    for (const v of [r.rank, r.id, r.name || r.id, r.coop, r.conflict, r.events, r.goldstein_mean.toFixed(2), change]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    tb.appendChild(tr);
  }
  // rank over time of the partners that were ever in the top 5
  const top = new Set();
  for (const w of wins) for (const r of w.partners) if (r.rank <= 5) top.add(r.id);
  const labels = p.windows.map(w => w.window);
  const datasets = [...top].map((id, i) => ({
    label: (p.windows.flatMap(w => w.partners).find(x => x.id === id) || {}).name || id, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
    data: p.windows.map(w => { const r = w.partners.find(x => x.id === id); return r ? r.rank : null; }),
    spanGaps: false, tension: 0.2,
  }));
  if (chart) chart.destroy();
  chart = new window.Chart(document.getElementById('partners-chart'), {
    type: 'line', data: { labels, datasets },
    options: { animation: false, scales: { y: { reverse: true, min: 1, title: { display: true, text: 'rank' }, ticks: { precision: 0 } } } },
  });
  const rows = [];
  for (const w of p.windows) for (const r of w.partners) rows.push({ window: w.window, ...r });
  exportButtons(document.getElementById('partners-export'), () => ({
    name: 'dyad-partners-' + actor, json: p, rows,
    cols: ['window', 'rank', 'id', 'name', 'coop', 'conflict', 'events', 'goldstein_mean', 'prev_rank'],
  }));
}

// The whole period's ranking: events summed over every window and ranked
// as the model ranks (cooperation, then fewer conflicts, more events, id).
function whole(p) {
  const sum = new Map();
  for (const w of p.windows) for (const r of w.partners) {
    const s = sum.get(r.id) || { id: r.id, name: r.name, coop: 0, conflict: 0, events: 0, gs: 0 };
    s.coop += r.coop; s.conflict += r.conflict; s.events += r.events; s.gs += r.goldstein_mean * r.events;
    sum.set(r.id, s);
  }
  const rows = [...sum.values()].sort((x, y) => y.coop - x.coop || x.conflict - y.conflict ||
    y.events - x.events || (x.id < y.id ? -1 : 1));
  return { window: '', partners: rows.map((s, i) => ({ rank: i + 1, id: s.id, name: s.name, coop: s.coop,
    conflict: s.conflict, events: s.events, goldstein_mean: s.events ? s.gs / s.events : 0, prev_rank: null })) };
}

export function hidePartners() {
  document.getElementById('partners-panel').hidden = true;
}
