// The client's contact persons: add, edit (on the version read), remove; birthdays as day and
// month with the year when known. What was typed stays in the form when the API refuses it.
import { Alert, Badge, Button, Card, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, client, unwrap } from '../api.ts';
import { localeOf } from '../i18n.ts';
import { fieldErrors, splitPhones, type ClientCard, type Contact } from './queries.ts';

interface ContactDraft {
  fullName: string;
  position: string;
  phones: string;
  email: string;
  day: number | null;
  month: string | null;
  year: number | null;
  isPrimary: boolean;
}

const toDraft = (c: Contact | null): ContactDraft => ({
  fullName: c?.fullName ?? '', position: c?.position ?? '', phones: c?.phones.join(', ') ?? '', email: c?.email ?? '',
  day: c?.birthday?.day ?? null, month: c?.birthday ? String(c.birthday.month) : null, year: c?.birthday?.year ?? null, isPrimary: c?.isPrimary ?? false,
});

function monthNames(lang: string): string[] {
  const f = new Intl.DateTimeFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
}

export function birthdayText(b: NonNullable<Contact['birthday']>, lang: string): string {
  const f = new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'long', ...(b.year ? { year: 'numeric' } : {}), timeZone: 'UTC' });
  return f.format(new Date(Date.UTC(b.year ?? 2000, b.month - 1, b.day)));
}

function ContactForm({ card, contact, onDone }: { card: ClientCard; contact: Contact | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [d, setD] = useState<ContactDraft>(() => toDraft(contact));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof ContactDraft>(k: K, v: ContactDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      const birthday = d.day && d.month ? { day: d.day, month: Number(d.month), year: d.year ?? null } : null;
      const fields = { fullName: d.fullName.trim(), position: d.position.trim() || null, phones: splitPhones(d.phones), email: d.email.trim() || null, birthday, isPrimary: d.isPrimary };
      return contact
        ? unwrap(client.api.clients[':id'].contacts[':contactId'].$patch({ param: { id: card.id, contactId: contact.id }, json: { ...fields, version: contact.version } }))
        : unwrap(client.api.clients[':id'].contacts.$post({ param: { id: card.id }, json: fields }));
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: contact ? t('clients.contacts.saved') : t('clients.contacts.added') });
      void queryClient.invalidateQueries({ queryKey: ['client', card.id] });
      onDone();
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  const stale = save.error instanceof ApiError && save.error.status === 409;
  return (
    <form
      noValidate
      data-testid="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!d.fullName.trim()) return setErrors({ fullName: t('clients.required') });
        save.mutate();
      }}
    >
      <Stack>
        <TextInput label={t('clients.contacts.fullName')} required value={d.fullName} onChange={(e) => set('fullName', e.currentTarget.value)} error={errors.fullName} data-field="fullName" />
        <TextInput label={t('clients.contacts.position')} value={d.position} onChange={(e) => set('position', e.currentTarget.value)} error={errors.position} data-field="position" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('clients.contacts.phones')} description={t('clients.create.phonesHint')} type="tel" value={d.phones} onChange={(e) => set('phones', e.currentTarget.value)} error={errors.phones} data-field="phones" />
          <TextInput label={t('clients.contacts.email')} type="email" value={d.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} data-field="email" />
        </SimpleGrid>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" size="sm" fw={500} mb={4}>{t('clients.contacts.birthday')}</Text>
          <Group grow align="start">
            <NumberInput label={t('clients.contacts.birthdayDay')} min={1} max={31} allowDecimal={false} value={d.day ?? ''} onChange={(n) => set('day', typeof n === 'number' ? n : null)} data-field="birthdayDay" error={errors.birthday} />
            <Select label={t('clients.contacts.birthdayMonth')} clearable value={d.month} onChange={(v) => set('month', v)} data={monthNames(i18n.language).map((m, i) => ({ value: String(i + 1), label: m }))} data-field="birthdayMonth" />
            <NumberInput label={t('clients.contacts.birthdayYear')} min={1900} max={2100} allowDecimal={false} value={d.year ?? ''} onChange={(n) => set('year', typeof n === 'number' ? n : null)} data-field="birthdayYear" />
          </Group>
        </fieldset>
        <Checkbox label={t('clients.contacts.primary')} checked={d.isPrimary} onChange={(e) => set('isPrimary', e.currentTarget.checked)} />
        {stale && <Alert color="orange" role="alert">{t('clients.card.staleTitle')}</Alert>}
        {save.error && !stale && !Object.keys(errors).length && <Alert color="red" role="alert">{t('common.error', { message: save.error.message })}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>{t('clients.card.cancel')}</Button>
          <Button type="submit" loading={save.isPending}>{t('clients.contacts.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ContactsPanel({ card }: { card: ClientCard }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (c: Contact) => unwrap(client.api.clients[':id'].contacts[':contactId'].$delete({ param: { id: card.id, contactId: c.id } })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('clients.contacts.removed') });
      void queryClient.invalidateQueries({ queryKey: ['client', card.id] });
    },
    onError: (err) => notifications.show({ color: 'red', message: t('common.error', { message: err.message }) }),
  });
  return (
    <Card withBorder component="section" aria-labelledby="contacts-title" data-testid="contacts">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="contacts-title">{t('clients.contacts.title')}</Title>
        {card.rights.write && <Button size="xs" variant="light" onClick={() => setEditing('new')}>{t('clients.contacts.add')}</Button>}
      </Group>
      {card.contacts.length === 0 && <Text c="dimmed" size="sm">{t('clients.contacts.empty')}</Text>}
      <Stack gap="sm">
        {card.contacts.map((c) => (
          <Group key={c.id} justify="space-between" align="start" wrap="nowrap" data-testid="contact">
            <div>
              <Group gap={6}>
                <Text fw={600}>{c.fullName}</Text>
                {c.isPrimary && <Badge size="xs" variant="light">{t('clients.contacts.primaryBadge')}</Badge>}
              </Group>
              {c.position && <Text size="sm" c="dimmed">{c.position}</Text>}
              <Text size="sm">{[...c.phones, c.email].filter(Boolean).join(' · ')}</Text>
              {c.birthday && <Text size="sm" data-testid="birthday">{t('clients.contacts.born', { date: birthdayText(c.birthday, i18n.language) })}</Text>}
            </div>
            {card.rights.write && (
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)} aria-label={`${t('clients.contacts.edit')}: ${c.fullName}`}>{t('clients.contacts.edit')}</Button>
                <Button size="compact-xs" variant="subtle" color="red" c="red.9" aria-label={`${t('clients.contacts.remove')}: ${c.fullName}`}
                  onClick={() => window.confirm(t('clients.contacts.removeConfirm', { name: c.fullName })) && remove.mutate(c)}>{t('clients.contacts.remove')}</Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      <Modal closeButtonProps={{ 'aria-label': t('clients.card.cancel') }} opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('clients.contacts.add') : t('clients.contacts.edit')}>
        {editing !== null && <ContactForm card={card} contact={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Card>
  );
}
