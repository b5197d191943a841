// Who does what with surveys: the quality officer and marketing write questionnaires and start
// rounds (admins too); management reads questionnaires and results.
import { DomainError } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';

export const SURVEY_EDITORS = ['quality', 'marketing', 'admin'] as const;
export const SURVEY_READERS = [...SURVEY_EDITORS, 'management'] as const;

export function requireSurveyEditor(actor: Pick<Actor, 'roles'>): void {
  if (!hasAnyRole(actor, SURVEY_EDITORS)) throw new DomainError('forbidden', 'Only quality, marketing and admins edit questionnaires and start survey rounds');
}

export function requireSurveyReader(actor: Pick<Actor, 'roles'>): void {
  if (!hasAnyRole(actor, SURVEY_READERS)) throw new DomainError('forbidden', 'Only quality, marketing, management and admins see surveys');
}
