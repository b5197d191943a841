// English, the switch. Same keys as ru.ts; English plurals need only _one and _other.
export const en = {
  app: { name: 'Routes', skip: 'Skip to content' },
  nav: { inbox: 'Inbox', start: 'Start a case', signOut: 'Sign out', language: 'Language', menu: 'Menu' },
  signIn: {
    title: 'Sign in', email: 'E-mail', password: 'Password', submit: 'Sign in',
    wrong: 'E-mail or password is wrong', blocked: 'Too many attempts, try again later', expired: 'Your session ended — sign in again',
  },
  bell: { title: 'Notifications', unread_one: '{{count}} unread', unread_other: '{{count}} unread', empty: 'No notifications', readAll: 'Mark all read' },
  inbox: {
    title: 'Inbox', tabAll: 'All', tabMine: 'Mine', tabQueue: 'Role queues',
    overdue: 'Overdue', today: 'Due today', new: 'New',
    tasks_one: '{{count}} task', tasks_other: '{{count}} tasks',
    filters: 'Filters and sorting', search: 'Search subject', priority: 'Priority', route: 'Route', any: 'Any', sort: 'Sort',
    sortDue: 'By due time', sortPriority: 'By priority', sortAge: 'By age',
    onlyOverdue: 'Overdue', onlyToday: 'Due today', reset: 'Reset',
    claim: 'Claim', claimed: 'The task is yours', inQueue: 'In queue: {{role}}', noDue: 'no due time',
    due: 'Due {{when}}', empty: 'No tasks', emptyFiltered: 'Nothing matches the filters', live: 'Updates live',
  },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  task: {
    instructions: 'What to do', case: 'Case', variables: 'Case data', history: 'Earlier steps', form: 'Form',
    due: 'Due', overdue: 'Overdue', escalation: 'Escalation', timers: 'Pending', noHistory: 'No earlier steps',
    complete: 'Complete', claimFirst: 'This task waits in the {{role}} queue. Claim it to work on it.',
    done: 'Task completed', notOpen: 'This task is no longer open ({{status}})', fixErrors: 'Correct the marked fields',
    openCase: 'Open the case', back: 'Back to inbox', required: 'Required', mustNumber: 'Enter a number', mustDate: 'Enter a date',
    yes: 'Yes', no: 'No', outcome: 'Outcome', by: 'Who', when: 'When', notFound: 'No such task',
  },
  status: { open: 'open', completed: 'completed', withdrawn: 'withdrawn', running: 'running', cancelled: 'cancelled', failed: 'failed' },
  start: {
    title: 'Start a case', route: 'Route', pick: 'Choose a route', subject: 'Subject', subjectHint: 'What the case is about, e.g. "Pavilion 12, 3 display cases"',
    submit: 'Start', none: 'No published routes', started: 'Case started',
  },
  case: { title: 'Case', status: 'Status', route: 'Route', started: 'Started', timeline: 'Timeline', work: 'Tasks', current: 'Now', notFound: 'No such case' },
  event: {
    'step.escalated': 'Escalated', 'step.reminded': 'Reminder sent', 'event.received': 'Event received', 'event.timeout': 'Event timed out', 'subprocess.finished': 'Sub-process finished',
    'process.started': 'Case started', 'process.completed': 'Case completed', 'process.cancelled': 'Case cancelled', 'process.failed': 'Case failed',
    'step.opened': 'Step opened', 'step.completed': 'Step completed', 'step.claimed': 'Task claimed', 'step.reassigned': 'Task reassigned', 'step.withdrawn': 'Step withdrawn',
  },
  common: { loading: 'Loading…', error: 'Error: {{message}}', retry: 'Retry', save: 'Save', unknown: 'unknown', system: 'system' },
};
