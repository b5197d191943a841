// The colour of a case's status badge, shared by the case view and the list (kept apart from the
// case page so the list does not load the diagram's code).
export const STATUS_COLOR: Record<string, string> = { running: 'blue', completed: 'green', cancelled: 'gray', failed: 'red' };
