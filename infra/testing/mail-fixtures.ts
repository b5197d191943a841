// Test data for campaign mail: many clients at once (copies of a demo client with their own
// names and addresses, no contacts), a library template, and queueing a send through the
// `mail.send` operation the way a campaign's per-client case runs it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { mailSend } from '../../domain/mailing/route-operations.ts';

export const TEMPLATE_HTML = '<p>Здравствуйте, {{ contact.firstName | default: client.name }}!</p><p>Приглашаем на выставку: <a href="https://leader.example/expo?utm=mail">программа</a>.</p><p><a href="{{ unsubscribe_url }}">Отписаться</a></p>';

/** Inserts `n` clients named `<prefix> <i>` with e-mail `<prefix>-<i>@clients.example`; returns their ids in order. */
export async function insertClients(em: EntityManager, n: number, prefix = 'mail'): Promise<{ id: string; email: string }[]> {
  const [model] = await em.execute<{ id: string }[]>(`select id from client order by name limit 1`);
  const rows = await em.execute<{ id: string; email: string }[]>(
    `insert into client
     select (jsonb_populate_record(null::client, to_jsonb(c) || jsonb_build_object(
       'id', gen_random_uuid(), 'name', ? || ' ' || lpad(g::text, 5, '0'), 'kind', 'legal', 'inn', null, 'kpp', null,
       'email', ? || '-' || g || '@clients.example', 'email_key', ? || '-' || g || '@clients.example', 'marketing_consent', true, 'version', 1))).*
       from client c, generate_series(1, ?) g where c.id = ?
     returning id, email`,
    [prefix, prefix, prefix, n, model!.id],
  );
  return rows.sort((a, b) => a.email.localeCompare(b.email, 'en', { numeric: true }));
}

export async function insertTemplate(em: EntityManager, opts: { html?: string; subject?: string; text?: string; campaignId?: string | null } = {}): Promise<string> {
  const id = crypto.randomUUID();
  const [admin] = await em.execute<{ id: string }[]>(`select id from employee where email like 'marketer@%'`);
  await em.execute(
    `insert into mail_template (id, name, subject, html, text, campaign_id, created_by_id, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, now(), now(), 1)`,
    [id, 'Приглашение на выставку', opts.subject ?? '{{ client.name }}: приглашение', opts.html ?? TEMPLATE_HTML, opts.text ?? '', opts.campaignId ?? null, admin!.id],
  );
  return id;
}

/** Runs `mail.send` for each client as its case would (one transaction per `chunk` clients). */
export async function queueThroughOperation(em: EntityManager, opts: { templateId: string; send: string; campaignId?: string | null; clientIds: string[]; processId?: (clientId: string) => string | null; chunk?: number }): Promise<void> {
  const chunk = opts.chunk ?? 200;
  for (let i = 0; i < opts.clientIds.length; i += chunk) {
    await em.fork().transactional(async (tx) => {
      for (const clientId of opts.clientIds.slice(i, i + chunk)) {
        const processId = opts.processId?.(clientId) ?? crypto.randomUUID();
        await mailSend.run(
          { em: tx, processId, parentProcessId: null, record: { type: 'client', id: clientId }, variables: {}, forms: {}, key: `${processId}:send`, at: new Date(), actorId: null },
          { template: opts.templateId, send: opts.send, campaignId: opts.campaignId ?? null },
        );
      }
    });
  }
}

export async function deliveryCounts(em: EntityManager, templateOrSendKeyLike = '%'): Promise<Record<string, number>> {
  const rows = await em.execute<{ status: string; n: string }[]>(
    `select d.status, count(*) as n from mail_delivery d join mail_send s on s.id = d.send_id where s.key like ? group by d.status`,
    [templateOrSendKeyLike],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
