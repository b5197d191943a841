// The PostgreSQL channel that carries "look again" wake-ups for live notification streams:
// activities NOTIFY on it after writing a notification, every API process LISTENs on it. Both
// sides import it from here, so the API need not import activities.

/** The channel API processes LISTEN on; the payload is the recipient's employee id. */
export const NOTIFICATION_CHANNEL = 'crm_notifications';
