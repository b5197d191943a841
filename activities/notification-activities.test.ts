// Notification activities are retried by Temporal like any other: running one twice must leave
// one notification and one e-mail per recipient, and a role queue reaches every active member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee, MailMessage, Notification, Process, RouteVersion } from '../domain/entities/index.ts';
import { demoEmail } from '../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { createNotificationActivities, type NewAssignmentNotice } from './notification-activities.ts';

let s: TestStack;
let acts: ReturnType<typeof createNotificationActivities>;
let processId: string;
let sellerId: string;
const workflowId = 'notification-activity-test';

beforeAll(async () => {
  s = await startTestStack();
  acts = createNotificationActivities({ orm: s.orm }); // no mailer: mail stays in the outbox
  const em = s.em();
  const version = await em.findOneOrFail(RouteVersion, { route: { key: 'installation-handoff' }, version: 1 });
  const starter = await em.findOneOrFail(Employee, { email: demoEmail('seller2') });
  sellerId = (await em.findOneOrFail(Employee, { email: demoEmail('seller1') })).id;
  processId = crypto.randomUUID();
  em.create(Process, { id: processId, workflowId, routeVersion: version, subject: 'Pavilion 7', variables: {}, status: 'running', startedBy: starter, startedAt: new Date() });
  await em.flush();
});
afterAll(async () => s?.close());

const notice = (over: Partial<NewAssignmentNotice>): NewAssignmentNotice => ({
  workflowId,
  processId,
  assignmentId: crypto.randomUUID(),
  stepName: 'Call the client',
  assigneeId: null,
  roleCode: null,
  dueAt: '2026-11-24T10:00:00.000Z',
  ...over,
});

describe('notifyNewAssignment', () => {
  it('tells a named assignee once, however often it runs', async () => {
    const n = notice({ assigneeId: sellerId });
    await acts.notifyNewAssignment(n);
    await acts.notifyNewAssignment(n);

    const em = s.em();
    const rows = await em.find(Notification, { key: { $like: `${n.assignmentId}:%` } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'assignment.new', title: 'New task: Call the client', link: `/api/assignments/${n.assignmentId}`, readAt: null });
    expect(rows[0]!.recipient.id).toBe(sellerId);
    expect(rows[0]!.process?.id).toBe(processId);
    expect(rows[0]!.body).toContain('Case: Pavilion 7');

    const mail = await em.find(MailMessage, { key: { $like: `${n.assignmentId}:%` } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: demoEmail('seller1'), status: 'queued', attempts: 0, subject: 'New task: Call the client (Pavilion 7)' });
  });

  it('tells every active member of a role queue, once each', async () => {
    const n = notice({ roleCode: 'service', stepName: 'Survey the site' });
    await Promise.all([acts.notifyNewAssignment(n), acts.notifyNewAssignment(n)]);
    await acts.notifyNewAssignment(n);

    const em = s.em();
    const members = await em.find(Employee, { roles: { code: 'service' }, active: true });
    expect(members.map((m) => m.email).sort()).toEqual([demoEmail('engineer1'), demoEmail('engineer2'), demoEmail('service.head')]);
    const rows = await em.find(Notification, { key: { $like: `${n.assignmentId}:%` } });
    expect(rows.map((r) => r.recipient.id).sort()).toEqual(members.map((m) => m.id).sort());
    expect(rows[0]!.title).toBe('New task in the service queue: Survey the site');
    const mail = await em.find(MailMessage, { key: { $like: `${n.assignmentId}:%` } });
    expect(mail.map((m) => m.to).sort()).toEqual(members.map((m) => m.email).sort());
  });

  it('skips members who have left', async () => {
    const em = s.em();
    const engineer2 = await em.findOneOrFail(Employee, { email: demoEmail('engineer2') });
    engineer2.active = false;
    await em.flush();
    const n = notice({ roleCode: 'service' });
    await acts.notifyNewAssignment(n);
    const mail = await s.em().find(MailMessage, { key: { $like: `${n.assignmentId}:%` } });
    expect(mail.map((m) => m.to).sort()).toEqual([demoEmail('engineer1'), demoEmail('service.head')]);
    engineer2.active = true;
    await em.flush();
  });
});
