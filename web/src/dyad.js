// dyad.js - one relation: events per quad class and mean Goldstein per
// window, and its event list with the evidence sentences highlighted.
import { getJSON, exportButtons, cameoNames } from './api.js';
import { renderMarked, eventSpans } from './highlight.js';

let chart = null;
const QUAD = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const QCOL = ['', '#91cf60', '#1a9850', '#fc8d59', '#d73027'];

export async function showDyad(st, go) {
  const { a, b } = st;
  const window_ = st.window && st.window !== 'all' ? st.window : 'year';
  // the network view's filters, date range included
  const filt = { from: st.from, to: st.to, root: st.root, quad: st.quad, modality: st.modality };
  const [d, ev, names] = await Promise.all([
    getJSON('api/dyad', { a, b, window: window_, evidence: 0, ...filt }),
    getJSON('api/events', { dyad: `${a},${b}`, highlight: 1, names: 1, limit: 1000, ...filt }),
    cameoNames(),
  ]);
  document.getElementById('dyad-title').textContent =
    `${d.a_name || a} and ${d.b_name || b} by ${window_}` + (st.from || st.to ? ` (${st.from || '…'} to ${st.to || '…'})` : '');
  const labels = d.series.map(p => p.window);
  const datasets = [1, 2, 3, 4].map(q => ({
    type: 'bar', label: `quad ${q} ${QUAD[q]}`, data: d.series.map(p => p.quad[q - 1]),
    backgroundColor: QCOL[q], stack: 'q', yAxisID: 'y',
  }));
  datasets.push({ type: 'line', label: 'mean Goldstein', data: d.series.map(p => (p.events ? p.goldstein_mean : null)),
    borderColor: '#333', backgroundColor: '#333', yAxisID: 'g', tension: 0.2 });
  if (chart) chart.destroy();
  chart = new window.Chart(document.getElementById('dyad-chart'), {
    data: { labels, datasets },
    options: { animation: false, scales: {
      y: { stacked: true, title: { display: true, text: 'events' }, ticks: { precision: 0 } },
      x: { stacked: true },
      g: { position: 'right', min: -10, max: 10, title: { display: true, text: 'mean Goldstein' }, grid: { drawOnChartArea: false } },
    } },
  });
  exportButtons(document.getElementById('series-export'), () => ({
    name: `dyad-${a}-${b}-series`, json: d,
    rows: d.series.map(p => ({ window: p.window, events: p.events, quad1: p.quad[0], quad2: p.quad[1],
      quad3: p.quad[2], quad4: p.quad[3], a_to_b: p.a_to_b, b_to_a: p.b_to_a, goldstein_mean: p.goldstein_mean })),
    cols: ['window', 'events', 'quad1', 'quad2', 'quad3', 'quad4', 'a_to_b', 'b_to_a', 'goldstein_mean'],
  }));

  const tb = document.querySelector('#events-table tbody');
  tb.replaceChildren();
  for (const e of ev.events) {
    const tr = document.createElement('tr');
    tr.dataset.event = e.id;
    const td = t => { const c = document.createElement('td'); if (t !== undefined) c.textContent = t; tr.appendChild(c); return c; };
    td(e.date || '');
    const code = td(`${e.code} ${names.get(e.code) || ''}`);
    code.className = 'code';
    const who = td(`${e.source_name || e.source} → ${e.target_name || e.target}`);
    who.title = `${e.source} → ${e.target}`;
    const sent = td();
    sent.className = 'evidence';
    renderMarked(sent, e.text, e.sentence_start >= 0 ? eventSpans(e, e.sentence_start) : []);
    const link = document.createElement('a');
    link.href = '#' + go({ view: 'doc', id: e.doc, event: e.id }, true);
    link.textContent = 'document';
    link.className = 'doc-link';
    td().appendChild(link);
    tb.appendChild(tr);
  }
  document.getElementById('events-more').textContent = ev.truncated
    ? `Showing the first ${ev.count} events.` : `${ev.count} events.`;
  exportButtons(document.getElementById('events-export'), () => ({
    name: `dyad-${a}-${b}-events`, json: ev.events, rows: ev.events,
    cols: ['id', 'doc', 'sent', 'date', 'source', 'target', 'code', 'root', 'quad', 'goldstein', 'modality', 'text',
      'source_name', 'target_name'],
  }));
}
