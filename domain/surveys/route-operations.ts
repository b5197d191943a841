// What surveys give routes: the `survey.record-answers` operation a phone survey's call runs after
// the call (the task form's answers stored per client, once per run of the action), and the list
// sources a round's `foreach` works through - the new clients to call, the regular clients to mail.
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { ListSource } from '../processes/list-sources.ts';
import type { RouteOperation } from '../processes/route-operations.ts';
import { answersFromForm } from './call-route.ts';
import { QuestionnaireVersion } from './entities.ts';
import { checkAnswers } from './questions.ts';
import { currentVersion } from './save-questionnaire.ts';
import { storeAnswers } from './store-answers.ts';
import { emailRecipients, phoneCandidates } from './survey-clients.ts';

const recordArgs = z.object({
  questionnaireId: z.uuid(),
  /** The version the call's form was generated from; the latest published one when absent. */
  version: z.number().int().min(1).optional(),
  /** The task node whose form holds the answers. */
  from: z.string().min(1).max(64),
  channel: z.enum(['phone', 'email']).default('phone'),
});

export const recordAnswersOperation: RouteOperation<typeof recordArgs> = {
  name: 'survey.record-answers',
  description: 'Stores the answers a task form holds (the phone survey call) as the case client\'s answers to the questionnaire; a low score opens a complaint.',
  args: recordArgs,
  async run(ctx, args) {
    if (ctx.record?.type !== 'client') throw new DomainError('unprocessable', 'survey.record-answers needs a case about a client', [{ path: 'record', message: 'the case is not about a client' }]);
    const version = args.version === undefined
      ? await currentVersion(ctx.em, args.questionnaireId)
      : await ctx.em.findOne(QuestionnaireVersion, { questionnaire: args.questionnaireId, version: args.version });
    if (!version) throw new DomainError('unprocessable', `No published version of questionnaire ${args.questionnaireId}`, [{ path: 'questionnaireId', message: 'not published' }]);
    const form = ctx.forms[args.from];
    if (!form) throw new DomainError('unprocessable', `No form of the step "${args.from}" in this case`, [{ path: 'from', message: 'no such completed step' }]);
    // The task form checked the types already; anything the questionnaire refuses is left out rather than failing the case after the call.
    const { values } = checkAnswers(version.questions, answersFromForm(version.questions, form));
    await storeAnswers(ctx.em, {
      key: `op:${ctx.key}`, versionId: version.id, questions: version.questions, clientId: ctx.record.id, channel: args.channel,
      processId: ctx.processId, answeredBy: ctx.actorId, answeredAt: ctx.at, values,
    });
  },
};

const phoneArgs = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM') });

export const phoneCandidatesSource: ListSource<typeof phoneArgs> = {
  name: 'survey.phone-candidates',
  description: 'Clients whose first purchase (an invoice that received money, dated by its first payment) is in the month and who have bought only once; each with its owner to call.',
  recordType: 'client',
  args: phoneArgs,
  async resolve(ctx, args) {
    return (await phoneCandidates(ctx.em, args.month)).map((c) => ({ record: { type: 'client', id: c.clientId }, variables: { owner: c.owner } }));
  },
};

const emailArgs = z.object({}).loose();

export const emailRecipientsSource: ListSource<typeof emailArgs> = {
  name: 'survey.email-recipients',
  description: 'Regular clients (relationship stage) with an e-mail that is not on the unsubscribe list.',
  recordType: 'client',
  args: emailArgs,
  async resolve(ctx) {
    return (await emailRecipients(ctx.em)).recipients.map((c) => ({ record: { type: 'client', id: c.clientId }, variables: { owner: c.owner, email: c.email } }));
  },
};
