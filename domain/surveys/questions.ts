// A questionnaire's questions and what answers each one takes, as pure rules shared by the editor's
// API, the public survey page, the phone call's task form and the summary. A question is typed:
// a score on a 1..5 or 0..10 scale with the value under which it counts as "low", a single or a
// multiple choice among options, yes/no, or free text. Answers are checked per question, naming
// the question and why, so the page can mark the field and keep everything else the person typed.
import { z } from 'zod';

export const QUESTION_TYPES = ['score', 'single', 'multiple', 'yesno', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SCALES = ['1-5', '0-10'] as const;
export type Scale = (typeof SCALES)[number];

const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a-z, 0-9 and "_", starting with a letter (at most 40)');

export const questionSchema = z
  .object({
    id: questionId,
    type: z.enum(QUESTION_TYPES),
    text: z.string().trim().min(1).max(500),
    required: z.boolean().default(false),
    /** score: the scale. */
    scale: z.enum(SCALES).optional(),
    /** score: an answer under this value is low (opens a complaint). */
    lowBelow: z.number().int().min(0).max(11).optional(),
    /** score on 0..10: the "would you recommend" question whose NPS the summary gives. */
    nps: z.boolean().optional(),
    /** single, multiple: the options, in order. */
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(20).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.type === 'score' && !q.scale) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'a score question needs its scale (1-5 or 0-10)' });
    if (q.type !== 'score' && (q.scale !== undefined || q.lowBelow !== undefined || q.nps !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'only a score question has a scale, a low threshold or NPS' });
    }
    if (q.type === 'score' && q.scale && q.lowBelow !== undefined) {
      const [min, max] = scaleRange(q.scale);
      if (q.lowBelow <= min || q.lowBelow > max) ctx.addIssue({ code: 'custom', path: ['lowBelow'], message: `between ${min + 1} and ${max}` });
    }
    if (q.nps && q.scale !== '0-10') ctx.addIssue({ code: 'custom', path: ['nps'], message: 'NPS needs the 0-10 scale' });
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice question lists at least two options' });
    if (!choice && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a choice question has options' });
    if (q.options && new Set(q.options).size !== q.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
  });
export type Question = z.infer<typeof questionSchema>;

export const questionsSchema = z
  .array(questionSchema)
  .max(50)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${q.id}" is used twice` });
      seen.add(q.id);
    });
    if (qs.filter((q) => q.nps).length > 1) ctx.addIssue({ code: 'custom', path: [], message: 'at most one NPS question' });
  });

export function scaleRange(scale: Scale): [number, number] {
  return scale === '1-5' ? [1, 5] : [0, 10];
}

export type AnswerValue = number | string | boolean | string[];

export interface AnswerProblem {
  path: string;
  message: string;
}

/** A score under the question's threshold. */
export const isLow = (q: Question, value: AnswerValue | undefined): boolean =>
  q.type === 'score' && q.lowBelow !== undefined && typeof value === 'number' && value < q.lowBelow;

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * Checks answers against the questions: every problem names its question (`answers.<id>`), so a
 * page marks that field. Returns the answers to store (blank optional ones left out) and the problems.
 */
export function checkAnswers(questions: readonly Question[], raw: Readonly<Record<string, unknown>>): { values: Record<string, AnswerValue>; problems: AnswerProblem[] } {
  const values: Record<string, AnswerValue> = {};
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(raw)) if (!known.has(id)) problems.push({ path: `answers.${id}`, message: 'no such question' });
  for (const q of questions) {
    const v = raw[q.id];
    const path = `answers.${q.id}`;
    if (blank(v)) {
      if (q.required) problems.push({ path, message: 'an answer is required' });
      continue;
    }
    const problem = checkOne(q, v);
    if (problem) problems.push({ path, message: problem });
    else values[q.id] = normalise(q, v);
  }
  return { values, problems };
}

function checkOne(q: Question, v: unknown): string | null {
  switch (q.type) {
    case 'score': {
      const [min, max] = scaleRange(q.scale ?? '1-5');
      const n = typeof v === 'string' ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? null : `a whole number from ${min} to ${max}`;
    }
    case 'single':
      return typeof v === 'string' && q.options!.includes(v) ? null : `one of: ${q.options!.join(', ')}`;
    case 'multiple':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && q.options!.includes(x)) && new Set(v).size === v.length ? null : `some of: ${q.options!.join(', ')}`;
    case 'yesno':
      return typeof v === 'boolean' ? null : 'yes or no';
    case 'text':
      return typeof v === 'string' && v.length <= 5000 ? null : 'text of at most 5000 characters';
  }
}

function normalise(q: Question, v: unknown): AnswerValue {
  if (q.type === 'score') return Number(v);
  if (q.type === 'text') return (v as string).trim();
  return v as AnswerValue;
}
