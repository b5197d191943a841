// The period / department / employee filter every report page shares, kept in the address (so a
// filtered page can be bookmarked and sent). Days are the company's calendar days; the department
// and employee lists hold only the people the reader may see: the whole company for management
// and admins, a head's own chain (GET /api/team) and the head himself otherwise.
import { Button, Group, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { client, unwrap } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useFormat } from '../format.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ReportFilters {
  from: string;
  to: string;
  departmentId: string | undefined;
  employeeId: string | undefined;
}

export function seesEveryone(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((r) => r === 'management' || r === 'admin');
}

/** The filters from the address, defaulting to the current month up to today in the company's zone. */
export function useReportFilters(): [ReportFilters, (patch: Partial<Record<keyof ReportFilters, string | null>>) => void] {
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const today = fmt.dayKey(new Date());
  const get = (k: string) => params.get(k) ?? undefined;
  const from = DAY.test(get('from') ?? '') ? get('from')! : `${today.slice(0, 8)}01`;
  const to = DAY.test(get('to') ?? '') ? get('to')! : today;
  const filters = { from, to, departmentId: get('departmentId'), employeeId: get('employeeId') };
  const set = (patch: Partial<Record<keyof ReportFilters, string | null>>) => {
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
      return next;
    }, { replace: true });
  };
  return [filters, set];
}

/** The people (and their departments) the reader may filter by. */
export function useVisiblePeople() {
  const me = useMe();
  const everyone = seesEveryone(me.data?.roles);
  const employees = useQuery({ queryKey: ['employees', 'active'], queryFn: () => unwrap(client.api.employees.$get({ query: { active: 'true' } })), staleTime: 10 * 60_000 });
  const team = useQuery({ queryKey: ['team'], queryFn: () => unwrap(client.api.team.$get({ query: {} })), enabled: Boolean(me.data) && !everyone });
  return useMemo(() => {
    const all = employees.data?.items ?? [];
    const mine = everyone ? null : new Set([...(team.data?.members ?? []).map((m) => m.id), ...(me.data ? [me.data.id] : [])]);
    const people = all.filter((e) => !mine || mine.has(e.id)).sort((a, b) => a.fullName.localeCompare(b.fullName));
    const departments = new Map<string, string>();
    for (const e of people) if (e.department) departments.set(e.department.id, e.department.name);
    return { people, departments: [...departments].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)) };
  }, [employees.data, team.data, everyone, me.data]);
}

export function FilterBar({ filters, set, showPeople = true }: { filters: ReportFilters; set: ReturnType<typeof useReportFilters>[1]; showPeople?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { people, departments } = useVisiblePeople();
  const inDept = filters.departmentId ? people.filter((p) => p.department?.id === filters.departmentId) : people;
  const today = fmt.dayKey(new Date());
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" component="form" role="search" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
      <DateInput label={t('reports.from')} valueFormat="DD.MM.YYYY" w={140} value={filters.from} maxDate={filters.to} onChange={(v) => set({ from: v })} data-testid="filter-from" />
      <DateInput label={t('reports.to')} valueFormat="DD.MM.YYYY" w={140} value={filters.to} minDate={filters.from} onChange={(v) => set({ to: v })} data-testid="filter-to" />
      <Button variant="default" onClick={() => set({ from: `${today.slice(0, 8)}01`, to: today })}>{t('reports.thisMonth')}</Button>
      {showPeople && (
        <>
          <Select label={t('reports.department')} placeholder={t('reports.allDepartments')} clearable w={220} data={departments.map((d) => ({ value: d.id, label: d.name }))}
            value={filters.departmentId ?? null} onChange={(v) => set({ departmentId: v, employeeId: null })} data-testid="filter-department" />
          <Select label={t('reports.employee')} placeholder={t('reports.allEmployees')} clearable searchable w={240} data={inDept.map((p) => ({ value: p.id, label: p.fullName }))}
            value={filters.employeeId ?? null} onChange={(v) => set({ employeeId: v })} data-testid="filter-employee" />
        </>
      )}
    </Group>
  );
}
