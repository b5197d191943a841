// The public survey page's rate limits (counted like the portal's, domain/portal/rate-limit.ts):
// generous for a person answering, tight for someone trying tokens.
import type { PortalLimit } from '../portal/rate-limit.ts';

export const SURVEY_LIMITS = {
  readPerAddress: { name: 'survey-read-address', max: 300, windowSeconds: 60 },
  readPerLink: { name: 'survey-read-link', max: 60, windowSeconds: 60 },
  submitPerAddress: { name: 'survey-submit-address', max: 60, windowSeconds: 3600 },
  submitPerLink: { name: 'survey-submit-link', max: 20, windowSeconds: 3600 },
} as const satisfies Record<string, PortalLimit>;
