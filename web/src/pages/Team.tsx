// The team page for managers: each of their people with open and overdue work; one person's work
// list; the hand-over of all or selected open work to another person or back to a role's queue in
// one action, with a reason (holiday, dismissal, or in one's own words), and what moved and what
// did not (with why) shown afterwards.
import { Alert, Anchor, Badge, Button, Card, Checkbox, Grid, Group, List, Loader, Radio, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { ActionDialog } from '../case/ActionDialog.tsx';
import { AssigneePicker, targetBody, type Target } from '../case/AssigneePicker.tsx';
import { problemsOf, useEmployees, useTeam, useTeamWork } from '../case/queries.ts';
import { useFormat } from '../format.ts';
import { isManager } from '../Layout.tsx';
import { useRoleNames } from '../people.ts';

type HandOverResult = { moved: string[]; failed: { assignmentId: string; code: string; message: string }[] };
type Reason = 'holiday' | 'dismissal' | 'other';

function HandOverDialog({ from, name, ids, opened, onClose, onDone }: { from: string; name: string; ids: string[] | null; opened: boolean; onClose: () => void; onDone: (r: HandOverResult) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roleNames = useRoleNames();
  const [target, setTarget] = useState<Target>({ kind: 'role', role: null });
  const [reason, setReason] = useState<Reason>('holiday');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const people = new Map(useEmployees().map((e) => [e.id, e.name]));
  const picked = target.kind === 'person' ? target.employeeId : target.role;
  const toName = target.kind === 'person' ? (people.get(target.employeeId ?? '') ?? '') : t('case.inQueue', { role: roleNames.get(target.role ?? '') ?? target.role ?? '' });
  const what = ids ? t('team.selected', { count: ids.length }) : t('team.all');
  return (
    <ActionDialog
      opened={opened}
      onClose={onClose}
      testId="hand-over-dialog"
      title={t('team.handOverTitle', { name })}
      question={t('team.confirm', { what, to: toName })}
      submitLabel={t('team.handOver')}
      error={problems['']}
      validate={() => {
        const next: Record<string, string> = {};
        if (!picked) next[target.kind === 'person' ? 'employeeId' : 'role'] = t('task.required');
        if (reason === 'other' && !text.trim()) next.reason = t('task.required');
        setProblems(next);
        return Object.keys(next).length === 0;
      }}
      onConfirm={async () => {
        try {
          const r = await unwrap(client.api.team['hand-over'].$post({ json: { from, ...(ids ? { assignmentIds: ids } : {}), to: targetBody(target), reason: reason === 'other' ? text : reason } }));
          await Promise.all([queryClient.invalidateQueries({ queryKey: ['team'] }), queryClient.invalidateQueries({ queryKey: ['cases'] }), queryClient.invalidateQueries({ queryKey: ['case'] })]);
          onDone(r);
          return true;
        } catch (err) {
          const p = problemsOf(err);
          // The API names the target's fields under `to`.
          setProblems({ ...p, employeeId: p['to.employeeId'] ?? p.employeeId ?? '', role: p['to.role'] ?? p.role ?? '' });
          return false;
        }
      }}
    >
      <Text size="sm" fw={500}>{t('team.to')}</Text>
      <AssigneePicker value={target} onChange={(v) => { setTarget(v); setProblems({}); }} exclude={from} errors={{ employeeId: problems.employeeId || undefined, role: problems.role || undefined }} labels={{ person: t('team.toPerson'), role: t('team.toQueue') }} />
      <Radio.Group label={t('team.reason')} value={reason} onChange={(v) => setReason(v === 'dismissal' || v === 'other' ? v : 'holiday')} required>
        <Group mt={4}>
          <Radio value="holiday" label={t('team.holiday')} />
          <Radio value="dismissal" label={t('team.dismissal')} />
          <Radio value="other" label={t('team.other')} />
        </Group>
      </Radio.Group>
      {reason === 'other' && <TextInput label={t('team.otherText')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={problems.reason} required data-field="reason" />}
    </ActionDialog>
  );
}

export function TeamPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const manager = isManager(me.data?.roles);
  const team = useTeam(manager);
  const [params, setParams] = useSearchParams();
  const personId = params.get('person') ?? undefined;
  const work = useTeamWork(personId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<string[] | null | false>(false);
  const [result, setResult] = useState<HandOverResult | null>(null);
  const members = team.data?.members ?? [];
  const person = members.find((m) => m.id === personId);
  const items = work.data?.items ?? [];

  if (!manager) return <Alert color="yellow">{t('team.empty')}</Alert>;
  const pick = (id: string) => {
    setSelected(new Set());
    setResult(null);
    setParams(new URLSearchParams({ person: id }), { replace: true });
  };

  return (
    <Stack maw={1280} mx="auto">
      <Title order={2}>{t('team.title')}</Title>
      {team.error && <Alert color="red">{t('common.error', { message: team.error.message })}</Alert>}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="section" aria-label={t('team.title')}>
            {team.isPending ? <Loader role="status" aria-label={t('common.loading')} /> : members.length === 0 ? <Text c="dimmed">{t('team.empty')}</Text> : (
              <Table highlightOnHover data-testid="team-list">
                <Table.Thead><Table.Tr><Table.Th>{t('team.person')}</Table.Th><Table.Th ta="right">{t('team.open')}</Table.Th><Table.Th ta="right">{t('team.overdue')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {members.map((m) => (
                    <Table.Tr key={m.id} data-testid="member" data-member={m.id} bg={m.id === personId ? 'var(--mantine-color-indigo-0)' : undefined}>
                      <Table.Td>
                        <UnstyledButton onClick={() => pick(m.id)} aria-pressed={m.id === personId} style={{ textDecoration: 'underline' }}>
                          <Text fw={600} size="sm" ml={(m.depth - 1) * 12}>{m.name}</Text>
                        </UnstyledButton>
                        <Text size="xs" c="dimmed" ml={(m.depth - 1) * 12}>{m.title ?? ''}{m.active ? '' : ` · ${t('team.inactive')}`}</Text>
                      </Table.Td>
                      <Table.Td ta="right" data-testid="open-count">{m.open}</Table.Td>
                      <Table.Td ta="right" data-testid="overdue-count">{m.overdue > 0 ? <Badge color="red" variant="filled">{m.overdue}</Badge> : 0}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder component="section" aria-label={person ? t('team.work', { name: person.name }) : t('team.pick')} data-testid="person-work">
            {!person ? <Text c="dimmed">{t('team.pick')}</Text> : (
              <Stack>
                <Group justify="space-between">
                  <Title order={3} size="h5">{t('team.work', { name: person.name })}</Title>
                  <Group gap="xs">
                    {selected.size > 0 && <Button size="compact-sm" onClick={() => setDialog([...selected])}>{t('team.handOverSelected', { count: selected.size })}</Button>}
                    {items.length > 0 && <Button size="compact-sm" variant="light" onClick={() => setDialog(null)}>{t('team.handOverAll')}</Button>}
                  </Group>
                </Group>
                {result && (
                  <Alert color={result.failed.length ? 'orange' : 'green'} title={t('team.result')} data-testid="hand-over-result" withCloseButton onClose={() => setResult(null)} closeButtonLabel={t('case.close')}>
                    <Text size="sm">{t('team.moved', { count: result.moved.length })}</Text>
                    {result.failed.length > 0 && (
                      <>
                        <Text size="sm">{t('team.failed', { count: result.failed.length })}:</Text>
                        <List size="sm">{result.failed.map((f) => <List.Item key={f.assignmentId}>{f.message}</List.Item>)}</List>
                      </>
                    )}
                  </Alert>
                )}
                {work.isPending ? <Loader role="status" size="sm" aria-label={t('common.loading')} /> : items.length === 0 ? <Text c="dimmed" size="sm">{t('team.noWork')}</Text> : (
                  <Table data-testid="work-list">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40}><Checkbox aria-label={t('team.selectAll')} checked={selected.size === items.length} indeterminate={selected.size > 0 && selected.size < items.length} onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.id)) : new Set())} /></Table.Th>
                        <Table.Th>{t('team.step')}</Table.Th>
                        <Table.Th>{t('team.due')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((i) => (
                        <Table.Tr key={i.id} data-testid="team-work-item" data-assignment={i.id}>
                          <Table.Td><Checkbox aria-label={t('team.select', { step: `${i.stepName}, ${i.process.subject}` })} checked={selected.has(i.id)} onChange={(e) => {
                            const next = new Set(selected);
                            if (e.currentTarget.checked) next.add(i.id);
                            else next.delete(i.id);
                            setSelected(next);
                          }} /></Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/cases/${i.process.id}`} fw={600} size="sm">{i.process.subject}</Anchor>
                            <Text size="xs" c="dimmed">{i.stepName} · {i.process.routeName}</Text>
                          </Table.Td>
                          <Table.Td><Text size="sm" c={i.overdue ? 'red.8' : undefined} fw={i.overdue ? 700 : 400}>{i.dueAt ? fmt.dateTime(i.dueAt) : '—'}</Text></Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      {person && dialog !== false && (
        <HandOverDialog opened from={person.id} name={person.name} ids={dialog} onClose={() => setDialog(false)} onDone={(r) => { setResult(r); setSelected(new Set()); }} />
      )}
    </Stack>
  );
}
