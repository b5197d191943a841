// Renders a mail template for one recipient: Liquid (liquidjs) with undefined variables as empty
// text, HTML-escaping output in the HTML part (and not in the subject and text parts, which are
// not HTML), no file system (include/render/layout find nothing), unknown filters refused. The text
// part, when the template leaves it empty, is made from the rendered HTML (htmlToText below).
// Links of the HTML part are then rewritten to the product's click redirect and an open pixel is
// added (trackLinks), all under the origin marker the dispatcher replaces with PUBLIC_ORIGIN.
import { Liquid, type Template } from 'liquidjs';
import { DomainError, type FieldProblem } from '../errors.ts';

/** The recipient's variables, as a template sees them. */
export interface MailVariables {
  client: { name: string; region: string };
  contact: { name: string; firstName: string };
  owner: { fullName: string; email: string; phone: string };
  campaign: { name: string };
  unsubscribe_url: string;
}

export interface MailParts {
  subject: string;
  html: string;
  text: string;
}

export const TEMPLATE_FIELDS = ['subject', 'html', 'text'] as const;
type Field = (typeof TEMPLATE_FIELDS)[number];

/**
 * Stands for the product's origin in queued messages: the operation that renders them runs in the
 * worker's transaction without knowing where the API is served; the dispatcher (PUBLIC_ORIGIN)
 * and the preview (the request's origin) put the real one in. Nothing in it is HTML-escaped.
 */
export const ORIGIN_MARK = '__CRM_ORIGIN__';

const common = { strictVariables: false, strictFilters: true, templates: {}, relativeReference: false, ownPropertyOnly: true } as const;
const htmlEngine = new Liquid({ ...common, outputEscape: 'escape' });
const plainEngine = new Liquid({ ...common });

function positionOf(err: unknown): { line: number; col: number } | undefined {
  const token = (err as { token?: { getPosition?: () => [number, number] } }).token;
  const pos = token?.getPosition?.();
  return pos ? { line: pos[0], col: pos[1] } : undefined;
}

function problemOf(field: Field, err: unknown): FieldProblem {
  const pos = positionOf(err);
  const message = (err instanceof Error ? err.message : String(err)).replace(/, line:\d+, col:\d+$/, '');
  return { path: field, message: pos ? `line ${pos.line}, column ${pos.col}: ${message}` : message };
}

/** A sample recipient: the check renders with it, so errors only rendering reveals are found at save. */
export const SAMPLE_VARIABLES: MailVariables = {
  client: { name: 'ООО «Пример»', region: 'Москва' },
  contact: { name: 'Иванов Иван Иванович', firstName: 'Иван' },
  owner: { fullName: 'Анна Смирнова', email: 'owner@example.com', phone: '' },
  campaign: { name: 'Кампания' },
  unsubscribe_url: `${ORIGIN_MARK}/m/u/sample`,
};

interface Compiled {
  subject: Template[];
  html: Template[];
  text: Template[] | undefined;
}

/** Parses the three parts; a syntax error is refused naming its part, line and column. */
export function compileTemplate(t: MailParts): Compiled {
  const problems: FieldProblem[] = [];
  const parse = (field: Field, engine: Liquid, src: string): Template[] => {
    try {
      return engine.parse(src);
    } catch (err) {
      problems.push(problemOf(field, err));
      return [];
    }
  };
  const compiled = {
    subject: parse('subject', plainEngine, t.subject),
    html: parse('html', htmlEngine, t.html),
    text: t.text.trim() ? parse('text', plainEngine, t.text) : undefined,
  };
  if (problems.length) throw new DomainError('invalid_input', 'The template has errors', problems);
  return compiled;
}

/** Parses and renders with the sample recipient: what a save checks. */
export async function checkTemplate(t: MailParts): Promise<void> {
  await renderCompiled(compileTemplate(t), SAMPLE_VARIABLES);
}

async function renderCompiled(c: Compiled, vars: MailVariables): Promise<MailParts> {
  const problems: FieldProblem[] = [];
  const run = async (field: Field, engine: Liquid, tpl: Template[]): Promise<string> => {
    try {
      return String(await engine.render(tpl, { ...vars }));
    } catch (err) {
      problems.push(problemOf(field, err));
      return '';
    }
  };
  const subject = (await run('subject', plainEngine, c.subject)).replace(/\s+/g, ' ').trim();
  const html = await run('html', htmlEngine, c.html);
  const text = c.text ? await run('text', plainEngine, c.text) : htmlToText(html);
  if (problems.length) throw new DomainError('invalid_input', 'The template has errors', problems);
  return { subject, html, text };
}

export async function renderTemplate(t: MailParts, vars: MailVariables): Promise<MailParts> {
  return renderCompiled(compileTemplate(t), vars);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/**
 * The text part of an HTML message: head, styles and scripts dropped; line breaks at <br> and
 * block ends, a blank line between paragraphs and headings; list items as "- "; a link as its
 * words followed by the address in brackets (unless they are the address); tags removed, entities
 * decoded, runs of spaces collapsed.
 */
export function htmlToText(html: string): string {
  let s = html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<a\b[^>]*?href\s*=\s*("([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, _q, d: string | undefined, s1: string | undefined, inner: string) => {
      const href = decodeEntities(d ?? s1 ?? '');
      const words = inner.replace(/<[^>]+>/g, '').trim();
      return !words || decodeEntities(words) === href ? href : `${words} (${href})`;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|h[1-6]|table|ul|ol)\s*>/gi, '\n\n')
    .replace(/<\/(div|tr|li)\s*>/gi, '\n')
    .replace(/<(p|h[1-6]|div|tr|table|ul|ol)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]+>/g, '');
  s = decodeEntities(s)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Rewrites the HTML's http(s) links to `<origin>/m/c/<token>-<n>` (the n-th target kept in the
 * delivery, so the redirect goes only where the message pointed) - all but the unsubscribe link,
 * which must work as it is - and adds the open pixel. Returns the HTML and the targets.
 */
export function trackLinks(html: string, token: string): { html: string; links: string[] } {
  const links: string[] = [];
  const unsubscribe = `${ORIGIN_MARK}/m/u/${token}`;
  const rewritten = html.replace(/(<a\b[^>]*?\bhref\s*=\s*)("([^"]*)"|'([^']*)')/gi, (m, head: string, _q, d: string | undefined, s1: string | undefined) => {
    const href = decodeEntities(d ?? s1 ?? '').trim();
    if (href === unsubscribe || !/^https?:\/\//i.test(href)) return m;
    let index = links.indexOf(href);
    if (index < 0) index = links.push(href) - 1;
    return `${head}"${ORIGIN_MARK}/m/c/${token}-${index}"`;
  });
  const pixel = `<img src="${ORIGIN_MARK}/m/o/${escapeAttr(token)}.gif" width="1" height="1" alt="" style="display:block;border:0">`;
  const withPixel = /<\/body\s*>/i.test(rewritten) ? rewritten.replace(/<\/body\s*>/i, `${pixel}</body>`) : `${rewritten}${pixel}`;
  return { html: withPixel, links };
}

/** Puts the product's origin where the marker stands. */
export const withOrigin = (s: string, origin: string): string => s.replaceAll(ORIGIN_MARK, origin.replace(/\/+$/, ''));
