// The single-page app: providers (Mantine, TanStack Query, i18next) and the routes. Pages are
// lazy-loaded, so each screen's code (and later the designer's) loads only when it is opened.
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { Anchor, MantineProvider, Notification, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Navigate, RouterProvider, createBrowserRouter } from 'react-router';
import { ApiError, setUnauthenticatedHandler } from './api.ts';
import { RequireAuth, signInPath } from './auth.tsx';
import './i18n.ts';
import { Layout } from './Layout.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8: white text on it, and it as text on white, keep WCAG AA contrast.
  primaryShade: 8,
  // Someone who asked their system for less motion gets dialogs and menus without animation.
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
  // Links inside text must not rely on colour alone.
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть / Close' } } }),
  },
});

const router = createBrowserRouter([
  { path: '/sign-in', lazy: async () => ({ Component: (await import('./pages/SignIn.tsx')).SignInPage }) },
  // The customer portal: public, outside RequireAuth and the app's layout.
  { path: '/portal', lazy: async () => ({ Component: (await import('./portal/PortalFormPage.tsx')).PortalFormPage }) },
  { path: '/portal/confirm/:token', lazy: async () => ({ Component: (await import('./portal/PortalConfirmPage.tsx')).PortalConfirmPage }) },
  { path: '/portal/c/:token', lazy: async () => ({ Component: (await import('./portal/PortalCasePage.tsx')).PortalCasePage }) },
  { path: '/s/:token', lazy: async () => ({ Component: (await import('./surveys/SurveyPublicPage.tsx')).SurveyPublicPage }) },
  {
    path: '/',
    element: <RequireAuth><Layout /></RequireAuth>,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'inbox', lazy: async () => ({ Component: (await import('./pages/Inbox.tsx')).InboxPage }) },
      { path: 'tasks/:id', lazy: async () => ({ Component: (await import('./pages/Task.tsx')).TaskPage }) },
      { path: 'start', lazy: async () => ({ Component: (await import('./pages/StartCase.tsx')).StartCasePage }) },
      { path: 'routes', lazy: async () => ({ Component: (await import('./pages/Routes.tsx')).RoutesPage }) },
      { path: 'routes/:id', lazy: async () => ({ Component: (await import('./pages/RoutePage.tsx')).RoutePage }) },
      { path: 'routes/:id/diff', lazy: async () => ({ Component: (await import('./pages/RouteDiff.tsx')).RouteDiffPage }) },
      { path: 'routes/:id/edit', lazy: async () => ({ Component: (await import('./pages/RouteEditor.tsx')).RouteEditorPage }) },
      { path: 'cases', lazy: async () => ({ Component: (await import('./pages/Cases.tsx')).CasesPage }) },
      { path: 'mail/templates', lazy: async () => ({ Component: (await import('./mailing/TemplatesPage.tsx')).TemplatesPage }) },
      { path: 'mail/templates/:id', lazy: async () => ({ Component: (await import('./mailing/TemplatesPage.tsx')).TemplatePage }) },
      { path: 'clients', lazy: async () => ({ Component: (await import('./clients/ClientsPage.tsx')).ClientsPage }) },
      { path: 'clients/:id', lazy: async () => ({ Component: (await import('./clients/ClientPage.tsx')).ClientPage }) },
      { path: 'invoices', lazy: async () => ({ Component: (await import('./invoices/InvoicesPage.tsx')).InvoicesPage }) },
      { path: 'invoices/:id', lazy: async () => ({ Component: (await import('./invoices/InvoicePage.tsx')).InvoicePage }) },
      { path: 'receivables', lazy: async () => ({ Component: (await import('./invoices/ReceivablesPage.tsx')).ReceivablesPage }) },
      { path: 'import', lazy: async () => ({ Component: (await import('./transfer/ImportPage.tsx')).ImportPage }) },
      { path: 'service', lazy: async () => ({ Component: (await import('./service/ServicePage.tsx')).ServicePage }) },
      { path: 'service/installations/:id', lazy: async () => ({ Component: (await import('./service/InstallationPage.tsx')).InstallationPage }) },
      { path: 'deals', lazy: async () => ({ Component: (await import('./deals/DealsBoard.tsx')).DealsBoardPage }) },
      { path: 'deals/:id', lazy: async () => ({ Component: (await import('./deals/DealPage.tsx')).DealPage }) },
      { path: 'complaints', lazy: async () => ({ Component: (await import('./complaints/ComplaintsPage.tsx')).ComplaintsPage }) },
      { path: 'complaints/:id', lazy: async () => ({ Component: (await import('./complaints/ComplaintPage.tsx')).ComplaintPage }) },
      { path: 'surveys', lazy: async () => ({ Component: (await import('./surveys/SurveysPage.tsx')).SurveysPage }) },
      { path: 'surveys/:id', lazy: async () => ({ Component: (await import('./surveys/SurveyEditorPage.tsx')).SurveyEditorPage }) },
      { path: 'surveys/:id/results', lazy: async () => ({ Component: (await import('./surveys/SurveyResultsPage.tsx')).SurveyResultsPage }) },
      { path: 'segments', lazy: async () => ({ Component: (await import('./marketing/SegmentsPage.tsx')).SegmentsPage }) },
      { path: 'segments/new', lazy: async () => ({ Component: (await import('./marketing/SegmentsPage.tsx')).SegmentBuilder }) },
      { path: 'segments/:id', lazy: async () => ({ Component: (await import('./marketing/SegmentsPage.tsx')).SegmentBuilder }) },
      { path: 'campaigns', lazy: async () => ({ Component: (await import('./marketing/CampaignsPage.tsx')).CampaignsPage }) },
      { path: 'campaigns/:id', lazy: async () => ({ Component: (await import('./marketing/CampaignPage.tsx')).CampaignPage }) },
      { path: 'kb', lazy: async () => ({ Component: (await import('./complaints/KbPage.tsx')).KbPage }) },
      { path: 'calendar', lazy: async () => ({ Component: (await import('./calendar/CalendarPage.tsx')).CalendarPage }) },
      { path: 'team', lazy: async () => ({ Component: (await import('./pages/Team.tsx')).TeamPage }) },
      { path: 'reports', lazy: async () => ({ Component: (await import('./reports/DirectorPage.tsx')).DirectorPage }) },
      { path: 'reports/team', lazy: async () => ({ Component: (await import('./reports/TeamReportsPage.tsx')).TeamReportsPage }) },
      { path: 'reports/clients', lazy: async () => ({ Component: (await import('./reports/ClientsReportsPage.tsx')).ClientsReportsPage }) },
      { path: 'reports/processes', lazy: async () => ({ Component: (await import('./reports/ProcessTimingPage.tsx')).ProcessTimingPage }) },
      { path: 'reports/processes/:routeKey', lazy: async () => ({ Component: (await import('./reports/ProcessTimingPage.tsx')).ProcessTimingPage }) },
      { path: 'cases/:id', lazy: async () => ({ Component: (await import('./pages/Case.tsx')).CasePage }) },
      { path: '*', element: <Navigate to="/inbox" replace /> },
    ],
  },
]);

// Any 401 (the session expired or was ended elsewhere): forget the person and go to sign-in,
// remembering where they were.
setUnauthenticatedHandler(() => {
  const here = window.location.pathname + window.location.search;
  if (here.startsWith('/sign-in') || here.startsWith('/portal') || here.startsWith('/s/')) return;
  queryClient.clear();
  queryClient.setQueryData(['me'], null);
  void router.navigate(signInPath(here, true), { replace: true });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <Notifications position="top-right" />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
