// The template library and campaigns' own templates: written by marketing, checked at save (a
// Liquid error is refused naming the part, line and column), changed on the version read, and
// previewed for a real client with unsaved content.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { MailTemplate } from './entities.ts';
import { loadRecipient, variablesFor } from './recipient.ts';
import { checkTemplate, renderTemplate, withOrigin, type MailParts } from './render.ts';

export interface TemplateInput extends MailParts {
  name: string;
  campaignId?: string | null | undefined;
}

export interface TemplateView {
  id: string;
  name: string;
  subject: string;
  html: string;
  text: string;
  campaignId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type TemplateEntity = InstanceType<typeof MailTemplate['class']>;

const view = (t: TemplateEntity): TemplateView => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  html: t.html,
  text: t.text,
  campaignId: t.campaignId ?? null,
  createdBy: t.createdBy.id,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  version: t.version,
});

export async function listTemplates(em: EntityManager, campaignId?: string): Promise<Omit<TemplateView, 'html' | 'text'>[]> {
  const rows = await em.find(MailTemplate, { campaignId: campaignId ?? null }, { orderBy: { name: 'asc', id: 'asc' }, limit: 500 });
  return rows.map((t) => {
    const { html: _h, text: _t, ...rest } = view(t);
    return rest;
  });
}

export async function readTemplate(em: EntityManager, id: string): Promise<TemplateView> {
  const t = await em.findOne(MailTemplate, { id });
  if (!t) throw notFound('Mail template', id);
  return view(t);
}

export async function createTemplate(em: EntityManager, actor: Actor, input: TemplateInput, id: string = crypto.randomUUID()): Promise<string> {
  await checkTemplate(input);
  const existing = await em.findOne(MailTemplate, { id });
  if (existing) return existing.id;
  const now = new Date();
  em.create(MailTemplate, { id, name: input.name, subject: input.subject, html: input.html, text: input.text, campaignId: input.campaignId ?? null, createdBy: actor.employeeId, createdAt: now, updatedAt: now });
  await em.flush();
  return id;
}

export async function updateTemplate(em: EntityManager, id: string, version: number, change: Partial<TemplateInput>): Promise<void> {
  const t = await em.findOne(MailTemplate, { id });
  if (!t) throw notFound('Mail template', id);
  if (t.version !== version) throw new StaleVersion('Mail template', id, version, t.version);
  const next = { subject: change.subject ?? t.subject, html: change.html ?? t.html, text: change.text ?? t.text };
  await checkTemplate(next);
  Object.assign(t, next, change.name === undefined ? {} : { name: change.name }, { updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'Mail template', id, version);
}

/** The template (or the unsaved parts given) rendered for one client, links pointing where they will. */
export async function previewTemplate(em: EntityManager, id: string, clientId: string, origin: string, unsaved: Partial<MailParts> = {}): Promise<MailParts> {
  const t = await readTemplate(em, id);
  const recipient = await loadRecipient(em, clientId, t.campaignId);
  const parts = await renderTemplate({ subject: unsaved.subject ?? t.subject, html: unsaved.html ?? t.html, text: unsaved.text ?? t.text }, variablesFor(recipient, 'preview'));
  return { subject: withOrigin(parts.subject, origin), html: withOrigin(parts.html, origin), text: withOrigin(parts.text, origin) };
}
