// A form generated from a definition (a step's formFields, a route's variables): text, number,
// boolean, date and choice, required marks, and the API's field errors shown at their fields.
import { Checkbox, NumberInput, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

export type FormValue = string | number | boolean | null;
export interface FieldDef {
  id: string;
  label: string;
  type: 'text' | 'number' | 'boolean' | 'date' | 'choice';
  required: boolean;
  /** Required only for these outcomes of the step (e.g. a refusal's reason). */
  requiredFor?: string[];
  options?: string[];
}

const TYPES = new Set(['text', 'number', 'boolean', 'date', 'choice']);

/** The API gives form fields as unknown JSON; keep those the UI can draw. */
export function toFieldDefs(raw: unknown): FieldDef[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f: unknown) => {
    if (typeof f !== 'object' || f === null) return [];
    const o = f as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.type !== 'string' || !TYPES.has(o.type)) return [];
    return [{
      id: o.id,
      label: typeof o.label === 'string' ? o.label : o.id,
      type: o.type as FieldDef['type'],
      required: o.required === true,
      requiredFor: Array.isArray(o.requiredFor) ? o.requiredFor.filter((x): x is string => typeof x === 'string') : undefined,
      options: Array.isArray(o.options) ? o.options.filter((x): x is string => typeof x === 'string') : undefined,
    }];
  });
}

/** A route's declared variables ({ id: { type, label, required } }) as fields. */
export function variablesToFieldDefs(raw: unknown): FieldDef[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return toFieldDefs(Object.entries(raw as Record<string, unknown>).map(([id, v]) => ({ ...(typeof v === 'object' && v !== null ? v : {}), id })));
}

/** The API speaks English in its messages; the common ones read in the chosen language. */
export function useProblemText() {
  const { t } = useTranslation();
  return (message: string) => {
    if (/ is required$/.test(message)) return t('task.required');
    if (message === 'must be a number') return t('task.mustNumber');
    if (message.startsWith('must be a date')) return t('task.mustDate');
    return message;
  };
}

/** What to send: empty inputs are left out, so a required one is reported by the API. */
export function cleanValues(fields: FieldDef[], values: Record<string, FormValue>): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const f of fields) {
    const v = values[f.id];
    if (v === undefined || v === null || v === '') continue;
    out[f.id] = v;
  }
  return out;
}

export function FormFields({ fields, values, errors, onChange, disabled, outcomes }: {
  fields: FieldDef[];
  values: Record<string, FormValue>;
  errors: Record<string, string>;
  onChange: (id: string, value: FormValue) => void;
  disabled?: boolean;
  /** The step's outcomes, to say for which of them a field is required. */
  outcomes?: { id: string; label: string }[];
}) {
  const { t } = useTranslation();
  const problem = useProblemText();
  const requiredFor = (f: FieldDef) =>
    f.requiredFor?.length ? t('task.requiredFor', { outcomes: f.requiredFor.map((id) => `«${outcomes?.find((o) => o.id === id)?.label ?? id}»`).join(', ') }) : undefined;
  return fields.map((f) => <Field key={f.id} f={f} description={requiredFor(f)} value={values[f.id]} error={errors[f.id]} onChange={onChange} disabled={disabled} problem={problem} />);
}

function Field({ f, description, value: v, error, onChange, disabled, problem }: {
  f: FieldDef;
  description: string | undefined;
  value: FormValue | undefined;
  error: string | undefined;
  onChange: (id: string, value: FormValue) => void;
  disabled: boolean | undefined;
  problem: (message: string) => string;
}) {
  const common = { label: f.label, description, required: f.required, error: error ? problem(error) : undefined, disabled, name: f.id, 'data-field': f.id };
    switch (f.type) {
      case 'number':
        return <NumberInput {...common} value={typeof v === 'number' ? v : ''} onChange={(n) => onChange(f.id, typeof n === 'number' ? n : n === '' ? null : Number(n))} />;
      case 'boolean':
        return <Checkbox {...common} required={false} checked={v === true} onChange={(e) => onChange(f.id, e.currentTarget.checked)} />;
      case 'date':
        return <DateInput {...common} value={typeof v === 'string' ? v : null} onChange={(d) => onChange(f.id, d)} valueFormat="DD.MM.YYYY" clearable />;
      case 'choice':
        return <Select {...common} data={f.options ?? []} value={typeof v === 'string' ? v : null} onChange={(s) => onChange(f.id, s)} clearable />;
      default:
        return <TextInput {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => onChange(f.id, e.currentTarget.value)} />;
  }
}
