// What a manager sees on the case diagram: the steps done (by whom, when, how long), the steps
// open now and whose inbox holds them, and the timers still to fire.
import i18next from 'i18next';
import { createElement } from 'react';
import { initReactI18next } from 'react-i18next';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { routeGraphSchema } from '../../../domain/routes/graph-schema.ts';
import { routeDefinitionSchema } from '../../../domain/routes/route-schema.ts';
import { complaintRoute } from '../../../infra/testing/graph-routes.ts';
import { twoStepRoute } from '../../../infra/testing/sample-routes.ts';
import { caseOverlays, type CaseViewForDiagram } from './case-overlays.ts';
import { CaseDiagram, formatTook } from './CaseDiagram.tsx';
import { graphEn, graphRu } from './locales.ts';

await i18next.use(initReactI18next).init({
  lng: 'ru',
  resources: { ru: { translation: { graph: graphRu } }, en: { translation: { graph: graphEn } } },
  interpolation: { escapeValue: false },
});

const quality = '11111111-1111-4111-8111-111111111111';
const lawyer = '22222222-2222-4222-8222-222222222222';
const item = (over: Partial<CaseViewForDiagram['assignments'][number]>): CaseViewForDiagram['assignments'][number] => ({
  id: crypto.randomUUID(), stepId: 'review', stepName: 'Review', status: 'open', assigneeId: null, role: null, overdue: false,
  openedAt: '2026-11-20T09:00:00.000Z', dueAt: null, completedAt: null, completedBy: null, outcome: null, ...over,
});

const view: CaseViewForDiagram = {
  status: 'running',
  assignments: [
    item({ stepId: 'review', status: 'completed', assigneeId: quality, completedBy: quality, completedAt: '2026-11-20T12:30:00.000Z', outcome: 'involve' }),
    item({ stepId: 'legal-opinion', assigneeId: lawyer, openedAt: '2026-11-20T12:31:00.000Z', dueAt: '2026-11-22T12:31:00.000Z', overdue: true }),
    item({ stepId: 'service-check', role: 'service', openedAt: '2026-11-20T12:31:00.000Z' }),
    item({ stepId: 'reply', status: 'withdrawn' }),
  ],
  live: {
    activeNodes: [{ nodeId: 'legal-opinion', kind: 'task', since: '2026-11-20T12:31:00.000Z' }, { nodeId: 'opinions', kind: 'join', since: '2026-11-20T12:31:00.000Z' }],
    timers: [
      { nodeId: 'legal-opinion', label: 'escalation', at: '2026-11-23T00:31:00.000Z' },
      { nodeId: 'legal-opinion', label: 'reminder', at: '2026-11-22T10:31:00.000Z' },
    ],
  },
};

describe('caseOverlays', () => {
  it('marks done, current and untouched nodes with who, when, how long and the timers', () => {
    const o = caseOverlays(view);
    expect(o['review']).toMatchObject({ state: 'done', done: [{ by: quality, outcome: 'involve', tookMs: 3.5 * 3_600_000 }], open: [] });
    expect(o['legal-opinion']).toMatchObject({ state: 'current', open: [{ holderId: lawyer, role: null, overdue: true, dueAt: '2026-11-22T12:31:00.000Z' }] });
    expect(o['legal-opinion']?.timers.map((x) => x.label)).toEqual(['reminder', 'escalation']);
    expect(o['service-check']).toMatchObject({ state: 'current', open: [{ holderId: null, role: 'service' }] });
    expect(o['opinions']).toMatchObject({ state: 'current', activeSince: '2026-11-20T12:31:00.000Z', open: [] });
    // A withdrawn step is neither done nor current.
    expect(o['reply']).toBeUndefined();
    expect(o['resolved']).toBeUndefined();
  });

  it('keeps what PostgreSQL knows when the live state is missing (an ended case)', () => {
    const o = caseOverlays({ ...view, live: null });
    expect(o['review']?.state).toBe('done');
    expect(o['opinions']).toBeUndefined();
    expect(o['legal-opinion']?.timers).toEqual([]);
  });
});

describe('CaseDiagram', () => {
  it('draws every node with its state and the notes for the people involved', () => {
    const definition = routeGraphSchema.parse(complaintRoute());
    const html = renderToString(
      createElement(CaseDiagram, {
        definition,
        overlays: caseOverlays(view),
        nameOf: (id) => (id === lawyer ? 'Алексей Михайлов' : id === quality ? 'Татьяна Федорова' : undefined),
        formatDateTime: (iso) => iso.slice(0, 16),
      }),
    );
    const state = (id: string) => new RegExp(`data-node-id="${id}" data-state="(\\w+)"`).exec(html)?.[1];
    expect(['review', 'legal-opinion', 'service-check', 'opinions', 'reply', 'resolved'].map(state)).toEqual(['done', 'current', 'current', 'current', 'idle', 'idle']);
    // Plain booleans: a failure should not print the whole diagram.
    expect(html.includes('Исполнитель: Алексей Михайлов, с 2026-11-20T12:31 · срок 2026-11-22T12:31 · просрочено')).toBe(true);
    expect(html.includes('В очереди «service» с 2026-11-20T12:31')).toBe(true);
    expect(html.includes('Выполнил(а) Татьяна Федорова · 2026-11-20T12:30 · 3,5')).toBe(true);
    expect(html.includes('reminder: 2026-11-22T10:31')).toBe(true);
  });

  it('draws a case of a route/v0 version as the chain of steps it runs as', () => {
    const html = renderToString(createElement(CaseDiagram, { definition: routeDefinitionSchema.parse(twoStepRoute()), overlays: caseOverlays({ ...view, assignments: [], live: null }) }));
    expect(html.includes('data-node-id="prepare-proposal" data-state="idle"')).toBe(true);
    expect(html.includes('data-node-id="site-survey" data-state="idle"')).toBe(true);
  });

  it('says how long a step took in the chosen language', () => {
    expect(formatTook(3.5 * 3_600_000, 'en-GB')).toMatch(/^3\.5 hr/);
    expect(formatTook(2 * 86_400_000, 'ru-RU')).toMatch(/^2\s?дн/);
  });
});
