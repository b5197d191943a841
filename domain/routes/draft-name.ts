// A route's name follows its draft's `name`, trimmed; the key stands in while there is none.
export const draftName = (draft: Record<string, unknown>, fallback: string): string =>
  typeof draft.name === 'string' && draft.name.trim() ? draft.name.trim().slice(0, 200) : fallback;
