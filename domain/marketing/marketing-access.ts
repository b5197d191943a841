// Who works with marketing: the marketing department, management and admins manage segments,
// templates and campaigns; heads of departments read them (their people call the responders);
// anyone else sees only a campaign they have steps in (campaign-access.ts).
import { DomainError } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';

export const MARKETING_EDITORS = ['marketing', 'management', 'admin'] as const;
export const MARKETING_READERS = [...MARKETING_EDITORS, 'manager'] as const;

export const canEditMarketing = (actor: Actor): boolean => hasAnyRole(actor, MARKETING_EDITORS);
export const canReadMarketing = (actor: Actor): boolean => hasAnyRole(actor, MARKETING_READERS);

export function checkMarketingEditor(actor: Actor): void {
  if (!canEditMarketing(actor)) throw new DomainError('forbidden', 'Segments, campaign templates and campaigns are managed by marketing, management and admins');
}

export function checkMarketingReader(actor: Actor): void {
  if (!canReadMarketing(actor)) throw new DomainError('forbidden', 'Marketing is read by marketing, heads of departments, management and admins');
}
