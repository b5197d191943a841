// The client reports (issue 10, item 3): ABC, XYZ, relationship stages with retention, VIP
// candidates (and tagging them), completeness of the client base, marketing effectiveness. Every
// one goes through reportScope: management and admins see the company, a head his people, anyone
// else is refused (403), and so is an integration key (authenticate.ts).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { abcReport } from '../../../domain/reports/clients/abc-report.ts';
import { completenessReport } from '../../../domain/reports/clients/completeness-report.ts';
import { marketingReport } from '../../../domain/reports/clients/marketing-report.ts';
import { stagesReport } from '../../../domain/reports/clients/stages-report.ts';
import { tagVip } from '../../../domain/reports/clients/tag-vip.ts';
import { vipCandidates } from '../../../domain/reports/clients/vip-report.ts';
import { xyzReport } from '../../../domain/reports/clients/xyz-report.ts';
import type { AppEnv } from '../../context.ts';
import { json, jsonBody } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import {
  abcQuery, abcSchema, completenessQuery, completenessSchema, marketingQuery, marketingSchema, periodQuery, stagesSchema, vipBody, vipQuery, vipSchema,
  vipTaggedSchema, xyzQuery, xyzSchema,
} from './schemas.ts';

const tags = ['Reports'];

export const clientReportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/clients/abc', tags, summary: 'ABC (Pareto) of clients by revenue received in the period',
      request: { query: abcQuery },
      responses: { 200: { description: 'Classes and clients in descending order of value', ...json(abcSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await abcReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/clients/xyz', tags, summary: 'XYZ of buying clients by the coefficient of variation of monthly purchases, with the ABC x XYZ matrix',
      request: { query: xyzQuery },
      responses: { 200: { description: 'Classes, clients with their months, the matrix', ...json(xyzSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await xyzReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/clients/stages', tags, summary: 'Clients per relationship stage, recorded and as purchases say, the differing ones, and the retention ratio against the previous period',
      request: { query: periodQuery },
      responses: { 200: { description: 'Stages, differing clients, retention', ...json(stagesSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await stagesReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/clients/vip', tags, summary: 'VIP candidates: clients whose deals won in the period reach the threshold, and whether they carry the VIP tag',
      request: { query: vipQuery },
      responses: { 200: { description: 'Candidates, biggest first', ...json(vipSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await vipCandidates(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/clients/vip', tags, summary: 'Tag the VIP candidates of the period with "VIP" (created once under "Лояльность"); clients tagged already stay as they are. Management and admins only',
      request: { ...jsonBody(vipBody) },
      responses: { 200: { description: 'The tag and the clients tagged now', ...json(vipTaggedSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await tagVip(c.var.em, c.var.actor, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/clients/completeness', tags, summary: 'How completely the client base is filled in: per field, per owner, and the 50 least complete clients with what they lack',
      request: { query: completenessQuery },
      responses: { 200: { description: 'Shares filled', ...json(completenessSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await completenessReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/marketing', tags, summary: 'Marketing effectiveness per source channel, segment or region: new clients, deals opened and won, revenue, conversion, average deal',
      request: { query: marketingQuery },
      responses: { 200: { description: 'One row per channel, tag or region', ...json(marketingSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await marketingReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  );
