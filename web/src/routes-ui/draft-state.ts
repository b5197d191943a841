// What the API tells about a route's draft against its latest version, without asking for more.
export type DraftState = { kind: 'new' } | { kind: 'changed' | 'same'; version: number };

/**
 * What the API tells about the draft against the latest version: the draft was saved after
 * that version was published (changed), or not since (same). A save that put back the very same
 * document still counts as a change: the API keeps no comparison.
 */
export function draftState(route: { latestVersion: number; draftUpdatedAt: string }, latestPublishedAt: string | undefined): DraftState {
  if (route.latestVersion === 0) return { kind: 'new' };
  if (!latestPublishedAt) return { kind: 'same', version: route.latestVersion };
  return { kind: Date.parse(route.draftUpdatedAt) > Date.parse(latestPublishedAt) ? 'changed' : 'same', version: route.latestVersion };
}
