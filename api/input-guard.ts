// The one gate every /api request passes before anything parses it further or stores it: text
// PostgreSQL cannot hold (a NUL character, a lone UTF-16 surrogate, bytes that are not UTF-8) and
// JSON nested deeper than anyone writes by hand are refused with 400, naming the field. Nothing is
// stripped or replaced: what a user typed is either taken as it is or refused.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DomainError, formatPath, type FieldProblem } from '../domain/errors.ts';
import type { AppEnv } from './context.ts';

/** Containers (objects and arrays) a JSON body may nest; a route document needs far fewer. */
export const MAX_JSON_DEPTH = 32;
// A request with hundreds of bad strings gets the first few; the rest add nothing for a person.
const MAX_PROBLEMS = 20;

const NUL = 'contains a NUL character (U+0000), which cannot be stored';
const SURROGATE = 'contains a lone UTF-16 surrogate: it is not valid Unicode text';
const NOT_UTF8 = 'is not valid percent-encoded UTF-8';

type Segment = string | number;

/** Why this text cannot be taken as it is, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL;
  if (!text.isWellFormed()) return SURROGATE;
  return undefined;
}

// NUL and lone surrogates, matched as UTF-16 code units (no `u` flag), pairs left alone.
const UNSHOWABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A name shown in a problem path, with the characters that made it unacceptable written as \uXXXX. */
function visible(name: string): string {
  return name.replace(UNSHOWABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function decodeComponent(raw: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? raw.replaceAll('+', ' ') : raw);
  } catch {
    return undefined;
  }
}

interface PathTemplate {
  segments: ({ literal: string } | { param: string })[];
}

function parseTemplates(paths: readonly string[]): PathTemplate[] {
  return paths.map((p) => ({
    segments: p.split('/').map((s) => {
      const m = /^\{(.+)\}$/.exec(s);
      return m ? { param: m[1]! } : { literal: s };
    }),
  }));
}

/** The document's name of each path segment (`path.id`), when the path matches an operation. */
function segmentNames(templates: PathTemplate[], segments: readonly (string | undefined)[]): (string | undefined)[] {
  let best: PathTemplate | undefined;
  let bestLiterals = -1;
  for (const t of templates) {
    if (t.segments.length !== segments.length) continue;
    let literals = 0;
    const fits = t.segments.every((s, i) => ('literal' in s ? (literals++, s.literal === segments[i]) : true));
    if (fits && literals > bestLiterals) {
      best = t;
      bestLiterals = literals;
    }
  }
  return segments.map((_, i) => {
    const s = best?.segments[i];
    return s && 'param' in s ? `path.${s.param}` : undefined;
  });
}

function checkUrl(url: URL, templates: PathTemplate[], problems: FieldProblem[]): void {
  const raw = url.pathname.split('/');
  const decoded = raw.map((s) => decodeComponent(s, false));
  const names = segmentNames(templates, decoded);
  decoded.forEach((segment, i) => {
    const message = segment === undefined ? NOT_UTF8 : textProblem(segment);
    if (message) problems.push({ path: names[i] ?? 'path', message: `the path segment ${message}` });
  });
  if (url.search.length <= 1) return;
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const name = decodeComponent(rawName, true);
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1), true);
    const shownName = `query.${visible(name ?? rawName)}`;
    const nameProblem = name === undefined ? NOT_UTF8 : textProblem(name);
    if (nameProblem) problems.push({ path: shownName, message: `the parameter name ${nameProblem}` });
    const valueProblem = value === undefined ? NOT_UTF8 : textProblem(value);
    if (valueProblem) problems.push({ path: shownName, message: `the value ${valueProblem}` });
  }
}

/**
 * Where a JSON text first nests deeper than `limit` containers, or undefined. It reads the raw
 * text (tracking strings and their escapes) so a document 10,000 levels deep costs one pass
 * and never reaches JSON.parse.
 */
export function tooDeepAt(text: string, limit: number): Segment[] | undefined {
  const stack: { array: boolean; index: number; key: string | undefined }[] = [];
  let lastString: [number, number] = [0, 0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      const start = i++;
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i += 2;
        else if (c === 0x22) break;
        else i++;
      }
      lastString = [start, i + 1];
      continue;
    }
    const top = stack.at(-1);
    if (ch === 0x3a && top && !top.array) top.key = text.slice(lastString[0], lastString[1]);
    else if (ch === 0x2c && top?.array) top.index++;
    else if (ch === 0x7b || ch === 0x5b) {
      if (stack.length === limit) return stack.map((f) => (f.array ? f.index : keyName(f.key)));
      stack.push({ array: ch === 0x5b, index: 0, key: undefined });
    } else if (ch === 0x7d || ch === 0x5d) stack.pop();
  }
  return undefined;
}

function keyName(rawKey: string | undefined): string {
  if (rawKey === undefined) return '';
  try {
    const key: unknown = JSON.parse(rawKey);
    return typeof key === 'string' ? visible(key) : rawKey;
  } catch {
    return rawKey;
  }
}

/** Every string value and object key in a parsed JSON value that cannot be taken as it is. */
export function jsonTextProblems(value: unknown, path: Segment[] = [], out: FieldProblem[] = []): FieldProblem[] {
  if (out.length >= MAX_PROBLEMS) return out;
  if (typeof value === 'string') {
    const message = textProblem(value);
    if (message) out.push({ path: formatPath(path), message: `the text ${message}` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => jsonTextProblems(item, [...path, i], out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const message = textProblem(key);
      if (message) out.push({ path: formatPath([...path, visible(key)]), message: `the field name ${message}` });
      jsonTextProblems(item, [...path, visible(key)], out);
    }
  }
  return out;
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * The guard, given the document's path templates (read once, on the first request, when every
 * resource has been mounted) so a bad path segment is named as the document names it.
 */
export function inputGuard(pathTemplates: () => readonly string[]): MiddlewareHandler<AppEnv> {
  let templates: PathTemplate[] | undefined;
  return async (c, next) => {
    templates ??= parseTemplates(pathTemplates());
    const problems: FieldProblem[] = [];
    checkUrl(new URL(c.req.url), templates, problems);
    if (problems.length) throw new DomainError('invalid_input', 'The request address holds text that cannot be accepted', problems.slice(0, MAX_PROBLEMS));

    const type = c.req.header('content-type');
    if (!c.req.raw.body || !type || !JSON_TYPE.test(type)) return next();
    let text: string;
    try {
      // fatal: bytes that are not UTF-8 are refused, not replaced by U+FFFD behind the user's back.
      // Hono caches the bytes; later readers (idempotency, the validator) decode the same ones.
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch (err) {
      if (err instanceof TypeError) throw new DomainError('invalid_input', 'The request body is not valid UTF-8');
      throw err;
    }
    if (text.trim() === '') return next();
    const deep = tooDeepAt(text, MAX_JSON_DEPTH);
    if (deep) {
      throw new DomainError('invalid_input', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`, [
        { path: formatPath(deep), message: `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` },
      ]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new DomainError('invalid_input', 'The request body is not valid JSON');
    }
    const textProblems = jsonTextProblems(parsed);
    if (textProblems.length) throw new DomainError('invalid_input', 'The request body holds text that cannot be accepted', textProblems);
    return next();
  };
}

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/** Every operation under /api can be refused by the guard, so each lists 400. */
export function withInputGuardProblems(doc: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/api/')) continue;
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      op.responses ??= {};
      op.responses['400'] ??= {
        description: 'The request is not valid (see problems[])',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return doc;
}
