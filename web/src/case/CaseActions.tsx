// The manager's actions on a case: send a declared event (a form generated from its payload),
// reassign an open step to a person or a queue, cancel the case - each with a confirmation, and
// with a reason where the API records one. Offered only as far as the case view's `can` allows.
import { Select, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from '../api.ts';
import { cleanValues, FormFields, variablesToFieldDefs, type FormValue } from '../fields.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { AssigneePicker, targetBody, type Target } from './AssigneePicker.tsx';
import { problemsOf, under } from './queries.ts';

type Problems = Record<string, string>;
export type DeclaredEvents = Record<string, { label?: string; payload?: unknown }>;

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ['case', id] }), queryClient.invalidateQueries({ queryKey: ['cases'] })]);
}

/** The API's "must not be blank" and a missing pick read as "Required" in the chosen language. */
function useReason() {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return {
    reason,
    field: (label: string, hint?: string) => (
      <Textarea label={label} description={hint} value={reason} onChange={(e) => { setReason(e.currentTarget.value); setError(undefined); }} error={error} required autosize minRows={2} data-field="reason" />
    ),
    check: () => {
      if (reason.trim()) return true;
      setError(t('task.required'));
      return false;
    },
    fromApi: (p: Problems) => setError(p.reason ? (p.reason === 'must not be blank' ? t('task.required') : p.reason) : undefined),
  };
}

export function SendEventDialog({ caseId, subject, allowed, declared, opened, onClose }: { caseId: string; subject: string; allowed: string[]; declared: DeclaredEvents; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(caseId);
  const [name, setName] = useState<string | null>(allowed.length === 1 ? (allowed[0] ?? null) : null);
  const [values, setValues] = useState<Record<string, FormValue>>({});
  const [problems, setProblems] = useState<Problems>({});
  const fields = variablesToFieldDefs(name ? declared[name]?.payload : undefined);
  const reason = useReason();
  const labelOf = (n: string) => declared[n]?.label ?? n;
  return (
    <ActionDialog
      opened={opened}
      onClose={onClose}
      testId="send-event-dialog"
      title={t('case.sendEvent')}
      question={t('case.eventConfirm', { event: name ? labelOf(name) : '', subject })}
      submitLabel={t('case.eventSend')}
      error={problems['']}
      validate={() => {
        const reasonGiven = reason.check();
        if (!name) setProblems({ name: t('task.required') });
        return Boolean(name) && reasonGiven;
      }}
      onConfirm={async () => {
        try {
          await unwrap(client.api.processes[':id'].events.$post({ param: { id: caseId }, json: { name: name ?? '', payload: cleanValues(fields, values), reason: reason.reason } }));
          notifications.show({ message: t('case.eventSent'), color: 'green' });
          setValues({});
          setProblems({});
          await refresh();
          return true;
        } catch (err) {
          const p = problemsOf(err);
          setProblems(p);
          reason.fromApi(p);
          return false;
        }
      }}
    >
      <Select label={t('case.eventName')} placeholder={t('case.eventPick')} data={allowed.map((n) => ({ value: n, label: labelOf(n) }))} value={name} onChange={(v) => { setName(v); setValues({}); setProblems({}); }} error={problems.name} required data-field="event" />
      {name && fields.length === 0 && <Text size="sm" c="dimmed">{t('case.eventNoPayload')}</Text>}
      <FormFields fields={fields} values={values} errors={under(problems, 'payload')} onChange={(id, v) => setValues((old) => ({ ...old, [id]: v }))} />
      {reason.field(t('case.reason'), t('case.reasonHint'))}
    </ActionDialog>
  );
}

export function ReassignDialog({ caseId, assignmentId, stepName, opened, onClose, nameOf }: { caseId: string; assignmentId: string; stepName: string; opened: boolean; onClose: () => void; nameOf: (target: Target) => string }) {
  const { t } = useTranslation();
  const refresh = useRefresh(caseId);
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<Target>({ kind: 'person', employeeId: null });
  const [problems, setProblems] = useState<Problems>({});
  const reason = useReason();
  const picked = target.kind === 'person' ? target.employeeId : target.role;
  return (
    <ActionDialog
      opened={opened}
      onClose={onClose}
      testId="reassign-dialog"
      title={t('case.reassignTitle', { step: stepName })}
      question={t('case.reassignConfirm', { step: stepName, to: nameOf(target) })}
      submitLabel={t('case.reassign')}
      error={problems['']}
      validate={() => {
        const ok = reason.check();
        if (!picked) setProblems({ [target.kind === 'person' ? 'employeeId' : 'role']: t('task.required') });
        return ok && Boolean(picked);
      }}
      onConfirm={async () => {
        try {
          await unwrap(client.api.assignments[':id'].reassign.$post({ param: { id: assignmentId }, json: { ...targetBody(target), reason: reason.reason } }));
          notifications.show({ message: t('case.reassigned'), color: 'green' });
          await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['team'] })]);
          return true;
        } catch (err) {
          const p = problemsOf(err);
          setProblems(p);
          reason.fromApi(p);
          return false;
        }
      }}
    >
      <AssigneePicker value={target} onChange={(v) => { setTarget(v); setProblems({}); }} errors={{ employeeId: problems.employeeId, role: problems.role }} labels={{ person: t('case.toPerson'), role: t('case.toRole') }} />
      {reason.field(t('case.reason'), t('case.reasonHint'))}
    </ActionDialog>
  );
}

export function CancelDialog({ caseId, subject, opened, onClose }: { caseId: string; subject: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh(caseId);
  const [problems, setProblems] = useState<Problems>({});
  const reason = useReason();
  return (
    <ActionDialog
      opened={opened}
      onClose={onClose}
      testId="cancel-dialog"
      color="red"
      title={t('case.cancelTitle')}
      question={t('case.cancelConfirm', { subject })}
      submitLabel={t('case.cancel')}
      error={problems['']}
      validate={reason.check}
      onConfirm={async () => {
        try {
          await unwrap(client.api.processes[':id'].cancel.$post({ param: { id: caseId }, json: { reason: reason.reason } }));
          notifications.show({ message: t('case.cancelled'), color: 'green' });
          await refresh();
          return true;
        } catch (err) {
          const p = problemsOf(err);
          setProblems(p);
          reason.fromApi(p);
          return false;
        }
      }}
    >
      {reason.field(t('case.reason'), t('case.reasonHint'))}
    </ActionDialog>
  );
}
