// Route language v0 -> v1: a list of steps is a chain of task nodes, each leading to the next,
// the last one ending the case. The interpreter runs every route as a graph, so a v0 version
// published before v1 existed runs through this. It runs inside workflow code, on every replay,
// so it is pure and imports types only; its output for a given version must never change.
import type { AssigneeRule, GraphNode, RouteGraph } from './graph-schema.ts';
import type { Assignee, RouteDefinition, TaskStep } from './route-schema.ts';

export function toGraph(definition: RouteDefinition): RouteGraph {
  const first = definition.steps[0];
  if (!first) throw new Error('A route in language v0 has at least one step');
  const nodes = definition.steps.map((step, i) => taskNode(step, definition.steps[i + 1]?.id));
  return {
    language: 'route/v1',
    name: definition.name,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    variables: definition.variables,
    events: {},
    start: first.id,
    nodes,
  };
}

function taskNode(step: TaskStep, next: string | undefined): GraphNode {
  // No reminders or escalations: a v0 step sets no timers, and must not start to on replay.
  return {
    id: step.id,
    kind: 'task',
    name: step.name,
    ...(step.instructions === undefined ? {} : { instructions: step.instructions }),
    assignee: assigneeRule(step.assignee),
    priority: 'normal',
    due: step.due,
    remindBefore: [],
    escalations: [],
    ...(step.outcomes === undefined ? {} : { outcomes: step.outcomes }),
    ...(step.form === undefined ? {} : { form: step.form }),
    ...(next === undefined ? {} : { next }),
  };
}

function assigneeRule(a: Assignee): AssigneeRule {
  return a.type === 'role' ? { type: 'role', role: a.role, pick: 'queue' } : { type: 'person', email: a.email };
}
