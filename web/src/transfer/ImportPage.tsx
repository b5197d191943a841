// The import wizard (/import): upload a file -> choose the column of each field (suggested from
// the headers) -> the preview, every row ok, an error naming its column, or a duplicate -> import
// all valid rows at once -> what was made, with links. The server checks and decides; this page
// shows what it answered.
import { Alert, Anchor, Badge, Button, FileInput, Group, Select, SegmentedControl, Stack, Stepper, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';

type Kind = 'clients' | 'contacts' | 'deals';
type Status = 'ok' | 'error' | 'duplicate';

function useImportJob(id: string | null, status: Status | null) {
  return useQuery({
    queryKey: ['import', id, status],
    enabled: id !== null,
    queryFn: () => unwrap(client.api.imports[':id'].$get({ param: { id: id! }, query: { limit: '500', ...(status ? { status } : {}) } })),
  });
}

// A dot of the colour and dark text: the light variants' green and yellow text fell below AA (axe).
const STATUS_COLOR: Record<Status, string> = { ok: 'green', error: 'red', duplicate: 'yellow' };
/** Who may import (domain/transfer/import-access.ts decides again). */
const IMPORTERS = ['sales', 'manager', 'management', 'admin'];

export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('clients');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [step, setStep] = useState(0);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [duplicates, setDuplicates] = useState<'skip' | 'import'>('skip');
  const [filter, setFilter] = useState<Status | null>(null);
  const job = useImportJob(jobId, filter);

  const upload = useMutation({
    mutationFn: () => unwrap(client.api.imports.$post({ form: { kind, file: file!, ...(sheet ? { sheet } : {}) } })),
    onSuccess: (j) => { setJobId(j.id); setMapping(j.mapping); setStep(1); },
  });
  const preview = useMutation({
    mutationFn: () => unwrap(client.api.imports[':id'].mapping.$put({ param: { id: jobId! }, json: { mapping, duplicates } })),
    onSuccess: async () => { await queryClient.invalidateQueries({ queryKey: ['import', jobId] }); setFilter(null); setStep(2); },
  });
  const commit = useMutation({
    mutationFn: () => unwrap(client.api.imports[':id'].commit.$post({ param: { id: jobId! } })),
    onSuccess: () => setStep(3),
  });
  const restart = () => { setJobId(null); setFile(null); setSheet(''); setStep(0); upload.reset(); preview.reset(); commit.reset(); };
  // A file the server cannot read is named in the page's language first; its reason (English, from the reader) follows.
  const unreadable = (e: Error) => e instanceof ApiError && e.problems.some((p) => p.path === 'file');
  const errorOf = (e: Error | null) => (e ? <Alert color="red" role="alert" title={unreadable(e) ? t('transfer.badFile') : undefined}>{e.message}{e instanceof ApiError && e.problems.some((p) => p.message !== e.message) ? <ul>{e.problems.filter((p) => p.message !== e.message).map((p) => <li key={p.path}>{p.path}: {p.message}</li>)}</ul> : null}</Alert> : null);

  const j = job.data;
  const counts = j?.counts;
  const toImport = counts ? counts.ok + (duplicates === 'import' ? counts.duplicates : 0) : 0;
  const columnOptions = [{ value: '', label: t('transfer.notImported') }, ...(j?.columns.map((c) => ({ value: String(c.index), label: c.samples[0] ? `${c.header} (${c.samples[0]})` : c.header })) ?? [])];

  if (me.data && !me.data.roles.some((r) => IMPORTERS.includes(r))) {
    return (
      <Stack maw={1100} mx="auto">
        <Title order={1} size="h2">{t('transfer.title')}</Title>
        <Alert color="gray" data-testid="import-forbidden">{t('transfer.forbidden')}</Alert>
      </Stack>
    );
  }
  return (
    <Stack maw={1100} mx="auto">
      <Title order={1} size="h2">{t('transfer.title')}</Title>
      <Stepper active={step} size="sm">
        <Stepper.Step label={t('transfer.steps.upload')}>
          <Stack maw={520} mt="md">
            <Select label={t('transfer.kind')} value={kind} onChange={(v) => v && setKind(v)} allowDeselect={false}
              data={(['clients', 'contacts', 'deals'] as const).map((k) => ({ value: k, label: t(`transfer.kinds.${k}`) }))} />
            <FileInput label={t('transfer.file')} description={t('transfer.fileHint')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('transfer.clearFile') }} />
            <TextInput label={t('transfer.sheet')} description={t('transfer.sheetHint')} value={sheet} onChange={(e) => setSheet(e.currentTarget.value)} />
            {errorOf(upload.error)}
            <Group><Button onClick={() => upload.mutate()} disabled={!file} loading={upload.isPending}>{t('transfer.upload')}</Button></Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t('transfer.steps.mapping')}>
          {j && (
            <Stack mt="md">
              <Text>{j.fileName} · {t('transfer.rows', { count: j.rowCount })}</Text>
              <Table withTableBorder maw={720}>
                <Table.Tbody>
                  {j.fields.map((f) => (
                    <Table.Tr key={f.key}>
                      <Table.Th scope="row"><label htmlFor={`map-${f.key}`}>{t(`transfer.fields.${f.key}`, { defaultValue: f.key })}</label>{f.required ? <Text span size="xs" c="red.8"> ({t('transfer.required')})</Text> : null}</Table.Th>
                      <Table.Td>
                        <Select id={`map-${f.key}`} aria-label={t(`transfer.fields.${f.key}`, { defaultValue: f.key })} data={columnOptions} allowDeselect={false}
                          value={mapping[f.key] === null || mapping[f.key] === undefined ? '' : String(mapping[f.key])}
                          onChange={(v) => setMapping((m) => ({ ...m, [f.key]: v === '' || v === null ? null : Number(v) }))} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Stack gap={4}>
                <Text fw={500} id="dup-label">{t('transfer.duplicates')}</Text>
                <SegmentedControl aria-labelledby="dup-label" value={duplicates} onChange={(v) => setDuplicates(v)}
                  data={(['skip', 'import'] as const).map((p) => ({ value: p, label: t(`transfer.duplicatePolicy.${p}`) }))} maw={420} />
              </Stack>
              {errorOf(preview.error)}
              <Group><Button variant="default" onClick={restart}>{t('transfer.back')}</Button><Button onClick={() => preview.mutate()} loading={preview.isPending}>{t('transfer.check')}</Button></Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Step label={t('transfer.steps.preview')}>
          {j?.preview && counts && (
            <Stack mt="md">
              <Text data-testid="import-counts">{t('transfer.counts', counts)}</Text>
              <SegmentedControl aria-label={t('transfer.show')} value={filter ?? 'all'} onChange={(v) => setFilter(v === 'all' ? null : (v))}
                data={(['all', 'ok', 'error', 'duplicate'] as const).map((s) => ({ value: s, label: t(`transfer.statusFilter.${s}`) }))} maw={520} />
              <Table striped withTableBorder>
                <Table.Thead><Table.Tr><Table.Th>{t('transfer.col.line')}</Table.Th><Table.Th>{t('transfer.col.status')}</Table.Th><Table.Th>{t('transfer.col.label')}</Table.Th><Table.Th>{t('transfer.col.why')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {j.preview.items.map((r) => (
                    <Table.Tr key={r.line} data-testid="preview-row">
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td><Badge color={STATUS_COLOR[r.status]} variant="dot" tt="none">{t(`transfer.status.${r.status}`)}</Badge></Table.Td>
                      <Table.Td>{r.label}</Table.Td>
                      <Table.Td>
                        {r.problems.map((p, i) => <Text key={i} size="sm"><b>{p.column ?? t(`transfer.fields.${p.field}`, { defaultValue: p.field })}</b>: {p.message}</Text>)}
                        {r.duplicates.map((d, i) => <Text key={`d${i}`} size="sm">{d.of === 'row' ? t('transfer.duplicateOfRow', { line: d.line, field: t(`transfer.fields.${d.field}`, { defaultValue: d.field }) }) : t('transfer.duplicateOfClient', { name: d.name ?? '', field: t(`transfer.fields.${d.field}`, { defaultValue: d.field }) })}</Text>)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {errorOf(commit.error)}
              <Group>
                <Button variant="default" onClick={() => setStep(1)}>{t('transfer.back')}</Button>
                <Button onClick={() => commit.mutate()} loading={commit.isPending} disabled={toImport === 0}>{t('transfer.commit', { count: toImport })}</Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>
        <Stepper.Completed>
          {commit.data && (
            <Stack mt="md">
              <Title order={3} size="h4" data-testid="import-result">{t('transfer.resultTitle', { count: commit.data.created })}</Title>
              <Text>{t('transfer.skipped', { errors: commit.data.skippedErrors, duplicates: commit.data.skippedDuplicates })}</Text>
              {kind === 'clients' && (
                <Stack gap={2}>
                  {commit.data.records.slice(0, 50).map((r) => <Anchor key={r.id} component={Link} to={`/clients/${r.id}`}>{r.line}: {r.label}</Anchor>)}
                </Stack>
              )}
              <Group><Button onClick={restart}>{t('transfer.again')}</Button><Button component={Link} to="/clients" variant="default">{t('transfer.toClients')}</Button></Group>
            </Stack>
          )}
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}
