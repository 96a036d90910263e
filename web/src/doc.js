// doc.js - a stored document with all its events marked in the text.
import { getJSON, exportButtons, cameoNames } from './api.js';
import { renderMarked, eventSpans } from './highlight.js';

export async function showDocument(st) {
  const [d, names] = await Promise.all([getJSON('api/documents/' + encodeURIComponent(st.id)), cameoNames()]);
  document.getElementById('doc-title').textContent = d.title || d.id;
  document.getElementById('doc-meta').textContent =
    [d.id, d.date, d.source, d.url].filter(Boolean).join(' · ') + ` · ${d.events.length} events`;
  const cur = Number(st.event);
  const spans = [];
  for (const e of d.events) spans.push(...eventSpans(e, 0, e.id === cur));
  const el = document.getElementById('doc-text');
  el.replaceChildren();
  renderMarked(el, d.text, spans);
  const tb = document.querySelector('#doc-events tbody');
  tb.replaceChildren();
  for (const e of d.events) {
    const tr = document.createElement('tr');
    tr.dataset.event = e.id;
    if (e.id === cur) tr.className = 'sel';
    for (const v of [e.sent, e.date || '', `${e.code} ${names.get(e.code) || ''}`, `${e.source || '?'} → ${e.target || '?'}`, e.modality || '']) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    tb.appendChild(tr);
  }
  const first = el.querySelector('mark.current');
  if (first) first.scrollIntoView({ block: 'center' });
  exportButtons(document.getElementById('doc-export'), () => ({
    name: 'dyad-document-' + d.id, json: d, rows: d.events,
    cols: ['id', 'doc', 'sent', 'date', 'source', 'target', 'code', 'root', 'quad', 'goldstein', 'modality', 'text'],
  }));
}
