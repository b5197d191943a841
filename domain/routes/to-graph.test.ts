// A v0 route (a list of steps) runs as a chain of task nodes, and the chain is a valid v1 graph.
import { describe, expect, it } from 'vitest';
import { EMPLOYEES, ROLES, SAMPLE_ROUTE, demoEmail } from '../../infra/db/demo-data.ts';
import { routeGraphSchema } from './graph-schema.ts';
import { toGraph } from './to-graph.ts';
import { validateGraph } from './validate-graph.ts';

describe('toGraph', () => {
  const graph = toGraph(SAMPLE_ROUTE.definition);

  it('chains the steps in order, the last one ending the case', () => {
    expect(graph).toMatchObject({ language: 'route/v1', name: SAMPLE_ROUTE.definition.name, start: 'handoff-documents', events: {} });
    expect(graph.nodes.map((n) => [n.id, n.kind, 'next' in n ? n.next : undefined])).toEqual([
      ['handoff-documents', 'task', 'schedule-installation'],
      ['schedule-installation', 'task', 'install'],
      ['install', 'task', undefined],
    ]);
    expect(graph.variables).toBe(SAMPLE_ROUTE.definition.variables);
  });

  it('keeps assignees, due times, outcomes and forms, and adds no reminders or escalations', () => {
    expect(graph.nodes[0]).toEqual({
      id: 'handoff-documents', kind: 'task', name: 'Передать документы в сервис', instructions: 'Приложите договор, спецификацию и контакты клиента.',
      assignee: { type: 'role', role: 'sales-assistant', pick: 'queue' }, priority: 'normal', due: 'PT4H', remindBefore: [], escalations: [],
      form: SAMPLE_ROUTE.definition.steps[0]?.form, next: 'schedule-installation',
    });
    expect(graph.nodes[1]).toMatchObject({ assignee: { type: 'person', email: demoEmail('service.head') }, due: 'P1D' });
    expect(graph.nodes[2]).toMatchObject({ outcomes: SAMPLE_ROUTE.definition.steps[2]?.outcomes });
  });

  it('is a complete, valid v1 graph: parsing it changes nothing', () => {
    expect(routeGraphSchema.parse(graph)).toEqual(graph);
    const directory = { roles: new Set<string>(ROLES.map((r) => r.code)), people: new Set(EMPLOYEES.map((e) => demoEmail(e.key))) };
    expect(validateGraph(graph, directory)).toEqual({ ok: true, definition: graph });
  });
});
