// api.js - calls to dyad's JSON API (docs/api.md) and CSV/JSON export.

// GET path with the non-empty params; resolves to the parsed JSON or throws
// an Error carrying the server's message.
export async function getJSON(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const url = path + (q.toString() ? '?' + q.toString() : '');
  const r = await fetch(url);
  let body;
  try { body = await r.json(); } catch { body = {}; }
  if (!r.ok) throw new Error(`${url}: ${body.error || r.status + ' ' + r.statusText}`);
  return body;
}

// A text a spreadsheet would run as a formula: starts with = + - @, a tab or
// a carriage return and is not a plain number (as dy_cell_formula in C).
const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const isFormula = s => FORMULA.test(s) && !NUMBER.test(s);

// RFC 4180 CSV of rows (arrays of objects) with the given columns; a cell
// that would be a formula gets a leading apostrophe (formula injection).
export function toCSV(rows, cols) {
  const cell = v => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (isFormula(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [cols.join(','), ...rows.map(r => cols.map(c => cell(r[c])).join(','))].join('\n') + '\n';
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Put "CSV" and "JSON" buttons into el; get() returns {name, json, rows, cols}
// for the panel's current content.
export function exportButtons(el, get) {
  el.replaceChildren();
  for (const kind of ['CSV', 'JSON']) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = kind;
    b.dataset.export = kind.toLowerCase();
    b.addEventListener('click', () => {
      const d = get();
      if (!d) return;
      if (kind === 'CSV') download(d.name + '.csv', toCSV(d.rows, d.cols), 'text/csv');
      else download(d.name + '.json', JSON.stringify(d.json, null, 2) + '\n', 'application/json');
    });
    el.appendChild(b);
  }
}

// CAMEO code names from the table dyad codes with (served as cameo.tsv).
let names = null;
export async function cameoNames() {
  if (names) return names;
  names = new Map();
  try {
    const r = await fetch('cameo.tsv');
    if (r.ok) {
      for (const line of (await r.text()).split('\n')) {
        if (!line || line.startsWith('#')) continue;
        const f = line.split('\t');
        if (f.length >= 5) names.set(f[0], f[f.length - 1]);
      }
    }
  } catch { /* names are a nicety */ }
  return names;
}
