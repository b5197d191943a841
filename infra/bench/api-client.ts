// A small HTTP client for the product's API, used the way an integration would: bearer token,
// JSON in and out, problem+json on errors. Answers are parsed loosely (zod looseObject), so
// fields the API adds later do not break the bench.
import { z } from 'zod';

export class ApiError extends Error {
  readonly status: number;
  constructor(method: string, path: string, status: number, body: string) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
    this.status = status;
  }
}

export class Api {
  readonly baseUrl: string;
  readonly token: string | undefined;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async call<T extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, schema: T, body?: unknown): Promise<z.infer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(method, path, res.status, text);
    return schema.parse(text === '' ? null : JSON.parse(text));
  }
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<Api> {
  const { token } = await new Api(baseUrl).call('POST', '/api/auth/login', z.looseObject({ token: z.string() }), { email, password });
  return new Api(baseUrl, token);
}
