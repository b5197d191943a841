// The colour of a node on the process-timing heatmap. A node with a due time is coloured by how
// much of it the step uses (green well within, yellow near it, red over it - Camunda Optimize's
// "target" view); a node without one by its time against the slowest node (light to deep blue).

export interface Heat { background: string; border: string; over: boolean; ratio: number | null }

function mix(a: string, b: string, t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const ch = (hex: string, i: number) => parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
  const out = [0, 1, 2].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * k).toString(16).padStart(2, '0'));
  return `#${out.join('')}`;
}

/** `valueMs`: the node's median or p90; `targetMs`: its due time in working ms; `maxMs`: the slowest node's value. */
export function heatOf(valueMs: number | null, targetMs: number | null, maxMs: number): Heat | null {
  if (valueMs === null) return null;
  if (targetMs !== null) {
    const ratio = valueMs / targetMs;
    if (ratio > 1) return { background: '#ffe3e3', border: '#c92a2a', over: true, ratio };
    return { background: mix('#d3f9d8', '#fff3bf', ratio), border: ratio > 0.8 ? '#e67700' : '#2b8a3e', over: false, ratio };
  }
  const share = maxMs > 0 ? valueMs / maxMs : 0;
  return { background: mix('#e7f5ff', '#a5d8ff', share), border: '#1971c2', over: false, ratio: null };
}
