// Segments: saving, changing (on the version read) and deleting a client filter, and reading
// one with its live count. The filter was parsed by segment-filter.ts before it gets here.
import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Segment } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkMarketingEditor, checkMarketingReader } from './marketing-access.ts';
import type { SegmentFilter } from './segment-filter.ts';
import { countSegment } from './segment-sql.ts';

export interface SegmentInput {
  name: string;
  description?: string | null | undefined;
  filter: SegmentFilter;
}

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  owner: { id: string; name: string };
  count: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

async function view(em: EntityManager, s: InferEntity<typeof Segment>): Promise<SegmentView> {
  await em.populate(s, ['owner']);
  return {
    id: s.id, name: s.name, description: s.description ?? null, filter: s.filter, owner: { id: s.owner.id, name: s.owner.getEntity().fullName },
    count: await countSegment(em, s.filter), createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(), version: s.version,
  };
}

export async function createSegment(em: EntityManager, actor: Actor, input: SegmentInput, id: string = crypto.randomUUID()): Promise<SegmentView> {
  checkMarketingEditor(actor);
  const existing = await em.findOne(Segment, id);
  if (existing) return view(em, existing);
  const now = new Date();
  const s = em.create(Segment, { id, name: input.name, description: input.description ?? null, filter: input.filter, owner: actor.employeeId, createdAt: now, updatedAt: now });
  await em.flush();
  return view(em, s);
}

export async function getSegment(em: EntityManager, actor: Actor, id: string): Promise<SegmentView> {
  checkMarketingReader(actor);
  const s = await em.findOne(Segment, id);
  if (!s) throw notFound('Segment', id);
  return view(em, s);
}

export async function updateSegment(em: EntityManager, actor: Actor, id: string, input: SegmentInput & { version: number }): Promise<SegmentView> {
  checkMarketingEditor(actor);
  const s = await em.findOne(Segment, id);
  if (!s) throw notFound('Segment', id);
  if (s.version !== input.version) throw new DomainError('conflict', `The segment was changed meanwhile (version ${s.version}, not ${input.version})`, [{ path: 'version', message: `now ${s.version}` }]);
  Object.assign(s, { name: input.name, description: input.description ?? null, filter: input.filter, updatedAt: new Date() });
  await em.flush();
  return view(em, s);
}

export async function deleteSegment(em: EntityManager, actor: Actor, id: string): Promise<void> {
  checkMarketingEditor(actor);
  const s = await em.findOne(Segment, id);
  if (!s) throw notFound('Segment', id);
  // Campaigns keep their frozen recipients; their segment link is cleared (set null).
  em.remove(s);
  await em.flush();
}

export async function listSegments(em: EntityManager, actor: Actor) {
  checkMarketingReader(actor);
  const rows = await em.find(Segment, {}, { orderBy: { name: 'asc', id: 'asc' }, populate: ['owner'], limit: 500 });
  return Promise.all(rows.map((s) => view(em, s)));
}
