// Who works with campaign mail: marketing, management and admins write templates and retry
// sends; heads of departments (managers) read them.
export const MAIL_EDITORS = ['marketing', 'management', 'admin'] as const;
export const MAIL_READERS = [...MAIL_EDITORS, 'manager'] as const;
