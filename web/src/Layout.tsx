// The frame of every signed-in page: a header with the notification bell, the language switch and
// sign-out; the left navigation grouped by section (a burger opens it on narrow screens); the page
// itself in <main>.
import { ActionIcon, AppShell, Anchor, Burger, Group, Menu, NavLink, Popover, ScrollArea, Stack, Text, Title, UnstyledButton, Button } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import 'dayjs/locale/ru';
import 'dayjs/locale/en-gb';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { client, unwrap } from './api.ts';
import { signOut, useMe } from './auth.tsx';
import { useFormat } from './format.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useLiveUpdates } from './live.ts';

/** Who gets the invoices link: sales, their assistant, accounting, management, admins. */
const INVOICE_ROLES = ['sales', 'sales-assistant', 'accounting', 'management', 'admin'];

export const isManager = (roles: readonly string[] | undefined): boolean => (roles ?? []).some((r) => r === 'manager' || r === 'management' || r === 'admin');

/** Where a notification's API link leads in the UI. */
export function uiLink(link: string | null, processId: string | null): string | undefined {
  const task = link?.match(/^\/api\/assignments\/([0-9a-f-]{36})/);
  if (task) return `/tasks/${task[1]}`;
  if (processId) return `/cases/${processId}`;
  return undefined;
}

function Bell() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { data } = useQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(client.api.notifications.$get({ query: { limit: '20' } })),
    refetchInterval: 60_000,
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(client.api.notifications['read-all'].$post()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const readOne = useMutation({
    mutationFn: (id: string) => unwrap(client.api.notifications[':id'].read.$post({ param: { id } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = data?.unread ?? 0;
  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} width={360} position="bottom-end" shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" size="lg" onClick={toggle} aria-label={`${t('bell.title')}: ${t('bell.unread', { count: unread })}`} data-testid="bell" pos="relative">
          <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.7 21a2 2 0 0 1-3.4 0" /></svg>
          {unread > 0 && <span className="bell-count" aria-hidden="true" data-testid="bell-count">{unread > 99 ? '99+' : unread}</span>}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('bell.title')}</Text>
          {unread > 0 && <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()}>{t('bell.readAll')}</Button>}
        </Group>
        <ScrollArea.Autosize mah={400}>
          <Stack gap={4}>
            {(data?.items ?? []).length === 0 && <Text c="dimmed" size="sm">{t('bell.empty')}</Text>}
            {(data?.items ?? []).map((n) => (
              <UnstyledButton
                key={n.id}
                p="xs"
                style={{ borderRadius: 6, background: n.readAt ? undefined : 'var(--mantine-color-indigo-0)' }}
                onClick={() => {
                  if (!n.readAt) readOne.mutate(n.id);
                  const to = uiLink(n.link, n.processId);
                  close();
                  if (to) void navigate(to);
                }}
              >
                <Text size="sm" fw={n.readAt ? 400 : 600}>{n.title}</Text>
                {n.body && <Text size="xs" c="dimmed" lineClamp={2}>{n.body}</Text>}
                <Text size="xs" c="dimmed">{fmt.dateTime(n.createdAt)}</Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

interface NavSection {
  key: 'work' | 'crm' | 'finance' | 'service' | 'marketing' | 'reports' | 'admin';
  links: { to: string; label: string }[];
}

/** The left navigation: one labelled group per section (empty ones left out), the current page
 *  marked for the eye and for screen readers (aria-current), plain links for the keyboard. */
function SideNav({ sections, onPick }: { sections: NavSection[]; onPick: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const matches = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  // The closest link wins: on /reports/processes only "Process timing" is current, not "/reports" too.
  const current = sections.flatMap((s) => s.links.map((l) => l.to)).filter(matches).sort((a, b) => b.length - a.length)[0];
  const isHere = (to: string) => to === current;
  return (
    <Stack gap="md" id="side-nav">
      {sections.filter((s) => s.links.length > 0).map((s) => (
        <div key={s.key} role="group" aria-labelledby={`nav-section-${s.key}`}>
          <Text id={`nav-section-${s.key}`} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4}>{t(`nav.sections.${s.key}`)}</Text>
          {s.links.map((l) => (
            <NavLink
              key={l.to}
              component={Link}
              to={l.to}
              label={l.label}
              active={isHere(l.to)}
              aria-current={isHere(l.to) ? 'page' : undefined}
              onClick={onPick}
              variant="light"
              style={{ borderRadius: 6 }}
            />
          ))}
        </div>
      ))}
    </Stack>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  useLiveUpdates(Boolean(me.data));
  const roles = me.data?.roles ?? [];
  const has = (...allowed: string[]) => roles.some((r) => allowed.includes(r));
  // Grouped as the company works, each link only for those the API lets in (it decides again).
  const sections: NavSection[] = [
    { key: 'work', links: [
      { to: '/inbox', label: t('nav.inbox') },
      { to: '/start', label: t('nav.start') },
      // Everyone sees the cases they are involved in; the team page is for those who supervise others.
      { to: '/cases', label: t('nav.cases') },
      ...(isManager(roles) ? [{ to: '/team', label: t('nav.team') }] : []),
    ] },
    { key: 'crm', links: [
      { to: '/clients', label: t('clients.nav') },
      { to: '/deals', label: t('deals.nav') },
      { to: '/calendar', label: t('calendar.nav') },
      ...(has('marketing', 'management', 'admin') || isManager(roles) ? [{ to: '/mail/templates', label: t('mailing.nav') }] : []),
    ] },
    { key: 'finance', links: has(...INVOICE_ROLES) ? [
      { to: '/invoices', label: t('invoices.nav') },
      { to: '/receivables', label: t('invoices.receivablesShort') },
    ] : [] },
    { key: 'service', links: [
      // The service department and those who hand work to it or oversee it; sales reads it.
      ...(has('service', 'sales', 'management', 'admin') || isManager(roles) ? [{ to: '/service', label: t('service.nav') }] : []),
      // Every employee may be shown a complaint (client, department); the list shows only theirs.
      { to: '/complaints', label: t('complaints.nav') },
      { to: '/kb', label: t('complaints.kbNav') },
      ...(has('quality', 'marketing', 'management', 'admin') ? [{ to: '/surveys', label: t('surveys.nav') }] : []),
    ] },
    // Marketing: the marketers, management and admins (the API lets heads read too).
    { key: 'marketing', links: has('marketing', 'management', 'admin') ? [
      { to: '/campaigns', label: t('marketing.navCampaigns') },
      { to: '/segments', label: t('marketing.navSegments') },
    ] : [] },
    // Reports are for heads, management and admins (the API refuses anyone else).
    { key: 'reports', links: isManager(roles) ? [
      { to: '/reports', label: t('reports.navDirector') },
      { to: '/reports/team', label: t('reports.navTeam') },
      { to: '/reports/processes', label: t('reports.navProcesses') },
      { to: '/reports/clients', label: t('reports.navClients') },
    ] : [] },
    { key: 'admin', links: [
      ...(has('designer', 'admin') ? [{ to: '/routes', label: t('routes.nav') }] : []),
      ...(has('sales', 'manager', 'management', 'admin') ? [{ to: '/import', label: t('transfer.nav') }] : []),
    ] },
  ];
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'ru', firstDayOfWeek: 1 }}>
      <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
        <a href="#main" className="skip-link">{t('app.skip')}</a>
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} aria-expanded={navOpened} aria-controls="side-nav" />
              <Title order={1} size="h4"><Anchor component={Link} to="/inbox" c="indigo.8" underline="never">{t('app.name')}</Anchor></Title>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Bell />
              <LanguageSwitch />
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="subtle" size="compact-sm" data-testid="user-menu"><Text size="sm" truncate maw={{ base: 90, sm: 220 }}>{me.data?.fullName}</Text></Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{me.data?.email}</Menu.Label>
                  <Menu.Item onClick={() => void signOut(queryClient).then(() => navigate('/sign-in'))}>{t('nav.signOut')}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar component="nav" aria-label={t('nav.main')}>
          <AppShell.Section grow component={ScrollArea} px="xs" py="sm">
            <SideNav sections={sections} onPick={closeNav} />
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </DatesProvider>
  );
}
