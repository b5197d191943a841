// Clients: the list (only the clients the person may see), the card with its contact persons and
// tags, creating one (409 with the possible duplicates unless confirmed), changing one on the
// version read (409 with the current card when someone else changed it first), contact persons,
// and the duplicate check the form calls while a person types. Integration keys are refused.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { addContact } from '../../domain/clients/add-contact.ts';
import { createClient } from '../../domain/clients/create-client.ts';
import { CLIENT_KINDS, CLIENT_STAGES, INTERACTION_KINDS, SOURCE_CHANNELS } from '../../domain/clients/entities.ts';
import { findDuplicates } from '../../domain/clients/find-duplicates.ts';
import { removeContact } from '../../domain/clients/remove-contact.ts';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { updateClient } from '../../domain/clients/update-client.ts';
import { updateContact } from '../../domain/clients/update-contact.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { clientDetail, listClients, readContact } from './client-view.ts';
import {
  choicesSchema, clientDetailSchema, clientListItemSchema, clientPatchSchema, contactPatchSchema, contactViewSchema, duplicateSchema, duplicatesQuery,
  listClientsQuery, newClientSchema, newContactSchema,
} from './schemas.ts';

const contactParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  contactId: z.uuid().openapi({ param: { name: 'contactId', in: 'path' } }),
});

/** 409: the possible duplicates (create, or a new INN/phone/e-mail), or the current card (stale version). */
const conflict = (what: string) => ({
  409: {
    description: `${what}; \`duplicates\` names the clients it may duplicate, \`current\` is the record as it is now when your version was stale`,
    content: { 'application/problem+json': { schema: problemSchema.extend({ duplicates: z.array(duplicateSchema).optional(), current: z.unknown().optional() }) } },
  },
});

/** Re-throws a stale-version refusal with the record as it is now, so nothing typed is lost. */
async function withCurrent<T>(run: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await current() } });
    throw err;
  }
}

const nullIfMissing = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export const clientsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/choices', tags: ['Clients'], summary: 'The fixed lists a client form offers: kinds, stages, source channels, interaction kinds',
      responses: { 200: { description: 'Codes (the UI translates them)', ...json(choicesSchema) }, ...problems(401, 403) },
    }),
    (c) => c.json({ kinds: [...CLIENT_KINDS], stages: [...CLIENT_STAGES], sourceChannels: [...SOURCE_CHANNELS], interactionKinds: [...INTERACTION_KINDS] }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/duplicates', tags: ['Clients'], summary: 'Clients with this INN, phone (any format) or e-mail (any case), of the client or a contact person: for the form to warn while typing',
      request: { query: duplicatesQuery },
      responses: { 200: { description: 'Possible duplicates (name and owner only)', ...json(z.object({ items: z.array(duplicateSchema) })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { inn, phone, email } = c.req.valid('query');
      return c.json({ items: await findDuplicates(c.var.em, { inn: inn || null, phones: phone ? [phone] : [], emails: [email || null] }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Clients'], summary: 'Clients you may see: yours, your reports\' (down the chain); everyone\'s for management, admins and quality',
      request: { query: listClientsQuery },
      responses: { 200: { description: 'A page of clients', ...json(z.object({ items: z.array(clientListItemSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { q, ownerId, stage, tagId, sourceChannel, region, sort, limit, offset } = c.req.valid('query');
      const tagIds = tagId === undefined ? [] : Array.isArray(tagId) ? tagId : [tagId];
      return c.json(await listClients(c.var.em, c.var.viewer, { q, ownerId, stage, tagIds, sourceChannel, region }, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Clients'], summary: 'Open a client card (with its contact persons); 409 names possible duplicates unless confirmDuplicate is true',
      request: { ...jsonBody(newClientSchema) },
      responses: { 201: { description: 'Created', ...json(clientDetailSchema) }, ...problems(400, 401, 403, 422), ...conflict('Possible duplicates') },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { ownerId, tagIds, contacts, confirmDuplicate, ...b } = c.req.valid('json');
      const id = await createClient(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'client.create'),
        fields: {
          name: b.name, kind: b.kind, inn: nullIfMissing(b.inn), kpp: nullIfMissing(b.kpp), legalAddress: nullIfMissing(b.legalAddress), region: nullIfMissing(b.region),
          phones: b.phones ?? [], email: nullIfMissing(b.email), website: nullIfMissing(b.website), sourceChannel: nullIfMissing(b.sourceChannel),
          triggeringEvent: nullIfMissing(b.triggeringEvent), interest: nullIfMissing(b.interest), interestReason: nullIfMissing(b.interestReason),
          probability: nullIfMissing(b.probability), stage: b.stage ?? 'potential', notes: nullIfMissing(b.notes), marketingConsent: b.marketingConsent ?? true,
        },
        ownerId, tagIds, confirmDuplicate,
        contacts: contacts?.map((t) => ({ fullName: t.fullName, position: nullIfMissing(t.position), phones: t.phones ?? [], email: nullIfMissing(t.email), birthday: nullIfMissing(t.birthday), notes: nullIfMissing(t.notes), isPrimary: t.isPrimary ?? false })),
      });
      return c.json(await clientDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Clients'], summary: 'A client card with its contact persons and tags (404 for a client you may not see)',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The client', ...json(clientDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await clientDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Clients'], summary: 'Change a client on the version you read: fields, tags (replaced), owner (the owner\'s managers, management, admins)',
      request: { params: idParamSchema, ...jsonBody(clientPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(clientDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('Stale version or possible duplicates') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const { version, ownerId, tagIds, confirmDuplicate, ...fields } = c.req.valid('json');
      await withCurrent(() => updateClient(em, actor, id, { version, fields, ownerId, tagIds, confirmDuplicate }), () => clientDetail(em.fork(), actor, id));
      return c.json(await clientDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/contacts', tags: ['Clients'], summary: 'Add a contact person (whoever may change the client)',
      request: { params: idParamSchema, ...jsonBody(newContactSchema) },
      responses: { 201: { description: 'Added', ...json(contactViewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const t = c.req.valid('json');
      const contactId = await addContact(em, actor, id, { fullName: t.fullName, position: nullIfMissing(t.position), phones: t.phones ?? [], email: nullIfMissing(t.email), birthday: nullIfMissing(t.birthday), notes: nullIfMissing(t.notes), isPrimary: t.isPrimary ?? false });
      return c.json(await readContact(em.fork(), id, contactId), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}/contacts/{contactId}', tags: ['Clients'], summary: 'Change a contact person on the version you read',
      request: { params: contactParams, ...jsonBody(contactPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(contactViewSchema) }, ...problems(400, 401, 403, 404), ...conflict('Stale version') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id, contactId } = c.req.valid('param');
      const { version, ...fields } = c.req.valid('json');
      await withCurrent(() => updateContact(em, actor, id, contactId, { version, fields }), () => readContact(em.fork(), id, contactId));
      return c.json(await readContact(em.fork(), id, contactId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}/contacts/{contactId}', tags: ['Clients'], summary: 'Remove a contact person (interactions with them stay, without the name)',
      request: { params: contactParams },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, contactId } = c.req.valid('param');
      await removeContact(c.var.em, c.var.actor, id, contactId);
      return c.body(null, 204);
    },
  );
