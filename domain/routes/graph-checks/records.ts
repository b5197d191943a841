// `update-record` changes the record a case is about, so the route must say what kind of record
// that is (top-level `subject`), and each field it sets must be one that kind allows, with a
// literal of the field's type. Copies (`{ from: … }`) are checked by references.ts; their type is
// only known when the case runs, where the record's context refuses a value it cannot take.
import type { FieldProblem } from '../../errors.ts';
import { subjectFieldsOf, subjectTypes, type RecordFieldType } from '../../records/subject-fields.ts';
import { problemAt, type GraphContext } from './context.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkRecordUpdates(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const declared = ctx.graph.subject;
  const known = declared === undefined ? undefined : subjectFieldsOf(declared);
  if (declared !== undefined && !known) problems.push({ path: 'subject', message: `no kind of record is called "${declared}"; routes may be about: ${subjectTypes().join(', ')}` });
  ctx.graph.nodes.forEach((node, i) => {
    if (node.kind !== 'action' || node.do.type !== 'update-record') return;
    if (declared === undefined) {
      problems.push(problemAt(ctx, i, '.do', `"update-record" changes the record a case is about: declare which kind at the top of the route, e.g. "subject": "${subjectTypes()[0] ?? 'deal'}"`));
      return;
    }
    if (!known) return;
    for (const [field, value] of Object.entries(node.do.set)) {
      const type = Object.hasOwn(known.fields, field) ? known.fields[field] : undefined;
      if (!type) {
        problems.push(problemAt(ctx, i, `.do.set.${field}`, `a ${declared} has no field "${field}" a route may set; it may set ${Object.keys(known.fields).join(', ')}`));
        continue;
      }
      if (value !== null && typeof value === 'object') continue;
      const wrong = literalProblem(type, value);
      if (wrong) {
        problems.push(problemAt(ctx, i, `.do.set.${field}`, `"${field}" is ${describe(type)}: ${wrong}`));
        continue;
      }
      const allowed = known.values && Object.hasOwn(known.values, field) ? known.values[field] : undefined;
      if (allowed && typeof value === 'string' && !allowed.includes(value)) problems.push(problemAt(ctx, i, `.do.set.${field}`, `"${field}" must be one of ${allowed.join(', ')}, not "${value}"`));
    }
  });
  return problems;
}

const describe = (type: RecordFieldType): string => ({ text: 'text', number: 'a number', date: 'a date (YYYY-MM-DD)', boolean: 'true or false' })[type];

function literalProblem(type: RecordFieldType, value: string | number | boolean | null): string | undefined {
  if (value === null) return undefined;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? undefined : `got ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `got ${JSON.stringify(value)}`;
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : `got ${JSON.stringify(value)}`;
  }
}
