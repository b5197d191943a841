// Starts the campaign mail dispatcher workflow for a task queue unless it already runs (every
// worker start calls this; the fixed id with "use existing" makes the calls one workflow). Its
// settings are taken when it is first started; to change them, terminate it.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { mailDispatcher, type MailDispatcherInput } from '../../workflows/mail-dispatcher.ts';

export const mailDispatcherWorkflowId = (taskQueue: string): string => `mail-dispatcher:${taskQueue}`;

export async function ensureMailDispatcher(client: Client, taskQueue: string, input: MailDispatcherInput = {}): Promise<WorkflowHandle<typeof mailDispatcher>> {
  return client.workflow.start(mailDispatcher, { taskQueue, workflowId: mailDispatcherWorkflowId(taskQueue), args: [input], workflowIdConflictPolicy: 'USE_EXISTING' });
}
