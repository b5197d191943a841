// Where work goes: a person (searchable by name) or a role's queue. Used by reassigning a step
// and by the team's hand-over.
import { SegmentedControl, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEmployees, useRoles } from './queries.ts';

export type Target = { kind: 'person'; employeeId: string | null } | { kind: 'role'; role: string | null };

export function AssigneePicker({ value, onChange, errors, exclude, labels }: {
  value: Target;
  onChange: (t: Target) => void;
  errors: { employeeId?: string | undefined; role?: string | undefined };
  /** A person not to offer (the one whose work moves). */
  exclude?: string | undefined;
  labels: { person: string; role: string };
}) {
  const { t } = useTranslation();
  const people = useEmployees().filter((p) => p.id !== exclude);
  const roles = useRoles();
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={value.kind}
        onChange={(k) => onChange(k === 'role' ? { kind: 'role', role: null } : { kind: 'person', employeeId: null })}
        data={[{ value: 'person', label: labels.person }, { value: 'role', label: labels.role }]}
        aria-label={t('case.reassignTo')}
      />
      {value.kind === 'person' ? (
        <Select label={t('case.person')} searchable data={people.map((p) => ({ value: p.id, label: p.name }))} value={value.employeeId} onChange={(v) => onChange({ kind: 'person', employeeId: v })} error={errors.employeeId} data-field="employeeId" required />
      ) : (
        <Select label={t('case.role')} searchable data={roles.map((r) => ({ value: r.code, label: r.name }))} value={value.role} onChange={(v) => onChange({ kind: 'role', role: v })} error={errors.role} data-field="role" required />
      )}
    </Stack>
  );
}

/** The target as the API takes it; an unpicked one is sent as an empty id for the API to refuse at its field. */
export const targetBody = (v: Target): { employeeId: string } | { role: string } =>
  v.kind === 'person' ? { employeeId: v.employeeId ?? '' } : { role: v.role ?? '' };
