// highlight.js - text with byte spans (UTF-8 offsets, as the store keeps
// them) marked as source, verb and target, built as DOM nodes (never HTML).

const enc = new TextEncoder();
const dec = new TextDecoder();
const KIND = ['', 'src', 'verb', 'tgt'];

// Append to el the text with marks. spans: [{start, end, kind: 1|2|3,
// current}] in byte offsets relative to text. The verb wins overlaps.
export function renderMarked(el, text, spans) {
  const bytes = enc.encode(text);
  const kind = new Uint8Array(bytes.length);
  const cur = new Uint8Array(bytes.length);
  for (const s of spans) {
    if (!(s.start >= 0 && s.end > s.start && s.end <= bytes.length)) continue;
    for (let i = s.start; i < s.end; i++) {
      if (kind[i] === 0 || s.kind === 2) kind[i] = s.kind;
      if (s.current) cur[i] = 1;
    }
  }
  let i = 0;
  while (i < bytes.length) {
    let j = i + 1;
    while (j < bytes.length && kind[j] === kind[i] && cur[j] === cur[i]) j++;
    const piece = dec.decode(bytes.subarray(i, j));
    if (kind[i]) {
      const m = document.createElement('mark');
      m.className = KIND[kind[i]] + (cur[i] ? ' current' : '');
      m.textContent = piece;
      el.appendChild(m);
    } else {
      el.appendChild(document.createTextNode(piece));
    }
    i = j;
  }
}

// The spans of an event relative to an offset (its sentence's start).
export function eventSpans(e, base = 0, current = false) {
  const out = [];
  const add = (sp, k) => { if (sp) out.push({ start: sp[0] - base, end: sp[1] - base, kind: k, current }); };
  add(e.spans.source, 1);
  add(e.spans.target, 3);
  add(e.spans.verb, 2);
  return out;
}
