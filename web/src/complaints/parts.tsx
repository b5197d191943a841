// Small pieces the complaint pages share: the SLA clock badge, a highlighted search match, and
// the knowledge-base search with a "cite" button.
import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { clockLabel } from './clock-label.ts';
import { type ComplaintItem, type KbHit, useKbSearch } from './queries.ts';

// Text and ground dark enough for WCAG AA at the badge's 11px bold: Mantine's light teal (4.3:1 on its pale ground)
// and its filled orange and red (3.6:1, 3.3:1) were not - axe flagged the clock on every page.
const TONE = {
  ok: { color: 'teal.9', variant: 'outline' },
  due: { color: 'yellow', variant: 'filled', autoContrast: true },
  late: { color: 'red.9', variant: 'filled' },
  paused: { color: 'gray', variant: 'light', c: 'gray.8' },
} as const;

// A badge cuts its label with an ellipsis; in a narrow table cell that hid the hours. It wraps instead.
const WRAP = { h: 'auto', py: 2, radius: 'sm', styles: { label: { overflow: 'visible', whiteSpace: 'normal' as const } } } as const;

/** Working time left: red when overdue, orange at the due minute, grey when paused or the clock stopped with a decision. */
export function SlaClock({ item }: { item: Pick<ComplaintItem, 'clock' | 'status'> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { clock } = item;
  if (item.status === 'decided' || item.status === 'closed') return <Badge color="gray" variant="light" c="gray.8" tt="none" {...WRAP}>{t('complaints.clock.stopped')}</Badge>;
  const l = clockLabel(clock);
  const label = l.key === 'dueNow' ? t('complaints.clock.dueNow') : t(`complaints.clock.${l.key}`, { time: t('complaints.hm', { h: l.h, m: l.m }) });
  return (
    <Stack gap={0}>
      <Badge {...TONE[l.tone]} {...WRAP} data-testid="sla-clock" data-tone={l.tone} tt="none">{label}</Badge>
      <Text size="xs" c="dimmed">{t('complaints.clock.due', { at: fmt.dateTime(clock.dueAt) })}</Text>
    </Stack>
  );
}

export function Highlighted({ parts }: { parts: { text: string; match: boolean }[] }) {
  return <>{parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

/** Searches the knowledge base; `onCite` (when given) puts a "cite" button on each hit. */
export function KbSearch({ onCite }: { onCite?: (hit: KbHit) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const found = useKbSearch(asked);
  return (
    <Stack gap="xs">
      <form onSubmit={(e) => { e.preventDefault(); setAsked(q.trim()); }}>
        <Group align="end" gap="xs">
          <TextInput label={t('complaints.kbSearch')} placeholder={t('complaints.kbSearchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit" variant="light">{t('complaints.search')}</Button>
        </Group>
      </form>
      {asked && found.data?.items.length === 0 && <Text c="dimmed">{t('complaints.noHits')}</Text>}
      {found.data?.items.map((hit) => (
        <Card key={hit.id} withBorder padding="xs" data-testid="kb-hit">
          <Group justify="space-between" wrap="nowrap" align="start">
            <Stack gap={2}>
              <Text fw={600}><Highlighted parts={hit.title} /></Text>
              <Text size="sm"><Highlighted parts={hit.fragment} /></Text>
              <Text size="xs" c="dimmed">{hit.category} · {t('complaints.version', { v: hit.version })}</Text>
            </Stack>
            {onCite && <Button size="xs" variant="outline" onClick={() => onCite(hit)}>{t('complaints.cite')}</Button>}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
