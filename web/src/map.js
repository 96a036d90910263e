// map.js - where events happened: a world map (countries from the
// world-atlas TopoJSON, drawn in an equirectangular projection as SVG; no
// tiles, nothing fetched from elsewhere), countries shaded by the balance of
// cooperation and conflict of the events placed in them, one point per place
// sized by its events; clicking a point lists its events with their evidence.
import { getJSON, cameoNames } from './api.js';

const W = 960, H = 480;
const SVG = 'http://www.w3.org/2000/svg';
const x = lon => (lon + 180) / 360 * W;
const y = lat => (90 - lat) / 180 * H;

let world = null; // {countries: [{id, name, d}], num: Map(alpha-3 -> numeric)}

// The arcs of a TopoJSON topology as absolute positions (quantized arcs are
// delta-encoded; the transform scales them back to degrees).
function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map(arc => {
    let a = 0, b = 0;
    return arc.map(([dx, dy]) => {
      if (!t) return [dx, dy];
      a += dx; b += dy;
      return [a * t.scale[0] + t.translate[0], b * t.scale[1] + t.translate[1]];
    });
  });
}

// An SVG path for one ring (a list of arc indexes, negative = reversed).
function ringPath(arcs, ring) {
  const pts = [];
  for (const i of ring) {
    const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    for (let k = pts.length ? 1 : 0; k < a.length; k++) pts.push(a[k]);
  }
  // a ring that crosses the antimeridian jumps across the map: cut it there
  let d = '';
  let prev = null;
  for (const [lon, lat] of pts) {
    const move = !prev || Math.abs(lon - prev) > 180;
    d += (move ? 'M' : 'L') + x(lon).toFixed(1) + ',' + y(lat).toFixed(1);
    prev = lon;
  }
  return d + 'Z';
}

async function loadWorld() {
  if (world) return world;
  const [topo, tsv] = await Promise.all([
    fetch('vendor/countries-110m.json').then(r => r.json()),
    fetch('countries.tsv').then(r => r.text()),
  ]);
  const arcs = decodeArcs(topo);
  const countries = topo.objects.countries.geometries.map(g => {
    const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
    return { id: g.id, name: g.properties && g.properties.name, d: polys.map(p => p.map(r => ringPath(arcs, r)).join('')).join('') };
  });
  const num = new Map();
  for (const line of tsv.split('\n')) {
    const f = line.split('\t');
    if (f.length >= 6 && /^[A-Z]{3}$/.test(f[0])) num.set(f[0], f[5]);
  }
  world = { countries, num };
  return world;
}

const el = (name, attrs = {}) => {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

// Cooperation (quads 1, 2) minus conflict (3, 4) over all events: -1..1.
const balance = evs => {
  let c = 0, k = 0;
  for (const e of evs) { if (e.quad <= 2) c++; else k++; }
  return evs.length ? (c - k) / evs.length : 0;
};
const shade = b => b >= 0 ? `rgba(40,120,200,${0.25 + 0.6 * b})` : `rgba(200,60,40,${0.25 - 0.6 * b})`;

function showPlace(names, title, evs) {
  document.getElementById('map-place').textContent = `${title}: ${evs.length} event${evs.length === 1 ? '' : 's'}`;
  const tb = document.querySelector('#map-events tbody');
  tb.replaceChildren();
  for (const e of evs) {
    const tr = document.createElement('tr');
    const cells = [e.date || '', `${e.code} ${names.get(e.code) || ''}`, `${e.source || '?'} → ${e.target || '?'}`];
    for (const v of cells) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    const td = document.createElement('td');
    const a = document.createElement('a');
    a.href = `#view=doc&id=${encodeURIComponent(e.doc)}&event=${e.id}`;
    a.textContent = e.text;
    td.appendChild(a);
    tr.appendChild(td);
    tb.appendChild(tr);
  }
}

export async function showMap(st) {
  const [w, data, names] = await Promise.all([
    loadWorld(),
    getJSON('api/events', { modality: st.modality, root: st.root, quad: st.quad, limit: 1000 }),
    cameoNames(),
  ]);
  const placed = data.events.filter(e => e.geo);
  const byCountry = new Map(), byPlace = new Map();
  for (const e of placed) {
    const n = w.num.get(e.geo.country);
    if (n) (byCountry.get(n) || byCountry.set(n, []).get(n)).push(e);
    const key = `${e.geo.name}|${e.geo.lat}|${e.geo.lon}`;
    (byPlace.get(key) || byPlace.set(key, []).get(key)).push(e);
  }
  const svg = document.getElementById('map-svg');
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.appendChild(el('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
  for (const c of w.countries) {
    const evs = byCountry.get(c.id) || [];
    const p = el('path', { d: c.d, class: 'country', 'data-id': c.id, fill: evs.length ? shade(balance(evs)) : '#e8e8e8' });
    const t = el('title');
    t.textContent = `${c.name || c.id}: ${evs.length} event${evs.length === 1 ? '' : 's'}`;
    p.appendChild(t);
    if (evs.length) p.addEventListener('click', () => showPlace(names, c.name || c.id, evs));
    svg.appendChild(p);
  }
  // larger places first, so that small ones stay clickable on top
  const places = [...byPlace.values()].sort((a, b) => b.length - a.length);
  for (const evs of places) {
    const g = evs[0].geo;
    const c = el('circle', {
      cx: x(g.lon).toFixed(1), cy: y(g.lat).toFixed(1), r: (3 + 2 * Math.sqrt(evs.length)).toFixed(1),
      class: 'place ' + g.precision, 'data-name': g.name, 'data-events': evs.length,
      fill: shade(balance(evs)),
    });
    const t = el('title');
    t.textContent = `${g.name} (${g.precision}): ${evs.length}`;
    c.appendChild(t);
    c.addEventListener('click', () => showPlace(names, g.name, evs));
    svg.appendChild(c);
  }
  document.getElementById('map-note').textContent =
    `${placed.length} of ${data.events.length} events placed${data.truncated ? ' (the first 1000 events)' : ''}; ` +
    'blue: cooperation, red: conflict; solid circles: places named in the text, dashed: countries placed by their actors.';
  document.querySelector('#map-events tbody').replaceChildren();
  document.getElementById('map-place').textContent = 'Click a place or a country for its events.';
}
