// One question as the person answering sees it (the public page and the editor's preview): a
// score as a row of values, choices as radios or checkboxes, yes/no, free text; the API's
// refusal shown at the question it names.
import { Checkbox, Group, Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface SurveyQuestion {
  id: string;
  type: 'score' | 'single' | 'multiple' | 'yesno' | 'text';
  text: string;
  required: boolean;
  scale?: '1-5' | '0-10' | undefined;
  lowBelow?: number | undefined;
  nps?: boolean | undefined;
  options?: string[] | undefined;
}
export type AnswerValue = number | string | boolean | string[] | null;

export function scaleValues(scale: '1-5' | '0-10' | undefined): number[] {
  return scale === '0-10' ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];
}

export function QuestionField({ q, value, onChange, error, disabled }: { q: SurveyQuestion; value: AnswerValue | undefined; onChange: (v: AnswerValue) => void; error?: string | undefined; disabled?: boolean }) {
  const { t } = useTranslation();
  const label = `${q.text}${q.required ? ' *' : ''}`;
  const common = { label, error, withAsterisk: false, 'data-testid': `q-${q.id}` };
  switch (q.type) {
    case 'score':
      return (
        <Radio.Group {...common} value={typeof value === 'number' ? String(value) : ''} onChange={(v) => onChange(Number(v))}>
          <Group gap="xs" mt={4}>{scaleValues(q.scale).map((n) => <Radio key={n} value={String(n)} label={String(n)} disabled={disabled} />)}</Group>
        </Radio.Group>
      );
    case 'single':
      return (
        <Radio.Group {...common} value={typeof value === 'string' ? value : ''} onChange={(v) => onChange(v)}>
          <Stack gap={4} mt={4}>{(q.options ?? []).map((o) => <Radio key={o} value={o} label={o} disabled={disabled} />)}</Stack>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group {...common} value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v)}>
          <Stack gap={4} mt={4}>{(q.options ?? []).map((o) => <Checkbox key={o} value={o} label={o} disabled={disabled} />)}</Stack>
        </Checkbox.Group>
      );
    case 'yesno':
      return (
        <Radio.Group {...common} value={value === true ? 'yes' : value === false ? 'no' : ''} onChange={(v) => onChange(v === 'yes')}>
          <Group gap="md" mt={4}><Radio value="yes" label={t('surveys.yes')} disabled={disabled} /><Radio value="no" label={t('surveys.no')} disabled={disabled} /></Group>
        </Radio.Group>
      );
    case 'text':
      return <Textarea {...common} autosize minRows={2} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} disabled={disabled} />;
  }
}
