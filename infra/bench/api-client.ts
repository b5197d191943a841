// A small HTTP client for the product's API, used the way an integration would: bearer token,
// JSON in and out, problem+json on errors, kept-alive connections. Answers are parsed loosely
// (zod looseObject), so fields the API adds later do not break the bench. It is node:http rather
// than fetch: the bench measures the product, and fetch alone adds ~0.3 ms to every request here.
import http from 'node:http';
import { z } from 'zod';

const agent = new http.Agent({ keepAlive: true });

function send(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
    const headers: Record<string, string> = {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    const { status, text } = await send(`${this.baseUrl}${path}`, method, headers, body === undefined ? undefined : JSON.stringify(body));
    if (status < 200 || status > 299) throw new ApiError(method, path, status, text);
    return schema.parse(text === '' ? null : JSON.parse(text));
  }
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<Api> {
  const { token } = await new Api(baseUrl).call('POST', '/api/auth/login', z.looseObject({ token: z.string() }), { email, password });
  return new Api(baseUrl, token);
}
