// /portal: a complaint or a question without an account. The API answers the same 202 whatever
// the address; field errors come from the API and sit under their fields.
import { Alert, Button, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../api.ts';
import { PortalShell } from './PortalShell.tsx';

type Kind = 'complaint' | 'question';

export function PortalFormPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('complaint');
  const [v, setV] = useState({ name: '', email: '', phone: '', company: '', subject: '', text: '' });
  const field = (key: keyof typeof v) => ({ value: v[key], onChange: (e: { currentTarget: { value: string } }) => setV({ ...v, [key]: e.currentTarget.value }) });
  const send = useMutation({
    mutationFn: () => unwrap(client.api.portal.requests.$post({
      json: { name: v.name, email: v.email, kind, subject: v.subject, text: v.text, ...(v.phone.trim() ? { phone: v.phone.trim() } : {}), ...(v.company.trim() ? { company: v.company.trim() } : {}) },
    })),
  });
  const err = send.error instanceof ApiError ? send.error : null;
  const fieldError = (key: string) => err?.problems.find((p) => p.path === key)?.message;

  if (send.isSuccess) {
    return <PortalShell><Alert color="green" role="status" data-testid="portal-sent">{t('portal.sent')}</Alert></PortalShell>;
  }
  return (
    <PortalShell>
      <form onSubmit={(e) => { e.preventDefault(); send.mutate(); }} noValidate>
        <Stack>
          <Text>{t('portal.intro')}</Text>
          {err && err.problems.length === 0 && <Alert color="red" role="alert">{err.status === 429 ? t('portal.tooMany') : t('portal.failed')}</Alert>}
          <SegmentedControl aria-label={t('portal.kind')} value={kind} onChange={(x) => setKind(x)} data={[{ value: 'complaint', label: t('portal.kinds.complaint') }, { value: 'question', label: t('portal.kinds.question') }]} />
          <TextInput label={t('portal.name')} required autoComplete="name" name="name" {...field('name')} error={fieldError('name')} />
          <TextInput label={t('portal.email')} required type="email" autoComplete="email" name="email" {...field('email')} error={fieldError('email')} />
          <TextInput label={t('portal.phone')} type="tel" autoComplete="tel" name="phone" {...field('phone')} error={fieldError('phone')} />
          <TextInput label={t('portal.company')} description={t('portal.companyHint')} name="company" {...field('company')} error={fieldError('company')} />
          <TextInput label={t('portal.subject')} required name="subject" {...field('subject')} error={fieldError('subject')} />
          <Textarea label={t('portal.text')} required autosize minRows={4} name="text" {...field('text')} error={fieldError('text')} />
          <Button type="submit" loading={send.isPending}>{t('portal.submit')}</Button>
        </Stack>
      </form>
    </PortalShell>
  );
}
