// Route drafts and their published versions. A version's definition never changes once written;
// a process points at the version it started with.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';
import { Employee } from '../organisation/entities.ts';
import type { RouteGraph } from './graph-schema.ts';
import type { RouteDefinition } from './route-schema.ts';

export const Route = defineEntity({
  name: 'Route',
  extends: BaseEntity,
  properties: {
    key: p.string().unique(),
    name: p.string(),
    /** Whatever the designer last saved, valid or not: nothing they typed is lost. */
    draft: p.json<unknown>(),
    /** Bumped on every save, so a stale editor cannot overwrite a newer draft. */
    draftRevision: p.integer().default(1),
    draftUpdatedAt: p.datetime(),
    draftUpdatedBy: () => p.manyToOne(Employee).ref(),
    latestVersion: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export const RouteVersion = defineEntity({
  name: 'RouteVersion',
  extends: BaseEntity,
  uniques: [{ properties: ['route', 'version'] }],
  properties: {
    route: () => p.manyToOne(Route).ref(),
    version: p.integer(),
    definition: p.json<RouteDefinition | RouteGraph>(),
    publishedAt: p.datetime(),
    publishedBy: () => p.manyToOne(Employee).ref(),
  },
});
