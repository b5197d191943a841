// Small pieces the complaint pages share: the SLA clock badge, a highlighted search match, and
// the knowledge-base search with a "cite" button.
import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format.ts';
import { type ComplaintItem, type KbHit, useKbSearch } from './queries.ts';

function hm(t: (k: string, o: Record<string, unknown>) => string, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return t('complaints.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** Working time left: red when overdue, grey when paused or the clock stopped with a decision. */
export function SlaClock({ item }: { item: Pick<ComplaintItem, 'clock' | 'status'> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { clock } = item;
  if (item.status === 'decided' || item.status === 'closed') return <Badge color="gray" variant="light">{t('complaints.clock.stopped')}</Badge>;
  const label = clock.paused ? t('complaints.clock.paused', { time: hm(t, Math.max(0, clock.leftMs)) }) : clock.overdue ? t('complaints.clock.overdue', { time: hm(t, clock.leftMs) }) : t('complaints.clock.left', { time: hm(t, clock.leftMs) });
  return (
    <Stack gap={0}>
      <Badge color={clock.overdue ? 'red' : clock.paused ? 'gray' : 'teal'} variant={clock.overdue ? 'filled' : 'light'} data-testid="sla-clock">{label}</Badge>
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
