// Small helpers for route definitions: a JSON response or request body described by a zod schema.
import type { z } from '@hono/zod-openapi';

export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { required: true, ...json(schema) } });
