// Undo/redo over whole route documents. Changes with the same key in quick succession (typing a
// name, dragging a node) are one step, so undo takes back the word or the move, not a letter.
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';

export interface History {
  past: RouteGraph[];
  present: RouteGraph;
  future: RouteGraph[];
  lastKey?: string;
  lastAt: number;
}

export type HistoryAction =
  | { type: 'set'; route: RouteGraph; key?: string; at: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; route: RouteGraph };

const LIMIT = 200;
const MERGE_MS = 1500;

export function historyReducer(h: History, a: HistoryAction): History {
  switch (a.type) {
    case 'set':
      if (a.route === h.present) return h;
      if (a.key !== undefined && a.key === h.lastKey && a.at - h.lastAt < MERGE_MS) return { ...h, present: a.route, future: [], lastAt: a.at };
      return { past: [...h.past, h.present].slice(-LIMIT), present: a.route, future: [], lastKey: a.key, lastAt: a.at };
    case 'undo': {
      const prev = h.past.at(-1);
      return prev ? { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastAt: 0 } : h;
    }
    case 'redo': {
      const next = h.future[0];
      return next ? { past: [...h.past, h.present], present: next, future: h.future.slice(1), lastAt: 0 } : h;
    }
    case 'reset':
      return { past: [], present: a.route, future: [], lastAt: 0 };
  }
}
