// Every entity the ORM knows, in one list for MikroORM.init and the migration generator. Each
// entity lives in its business context (domain/<context>/entities.ts); this registry re-exports
// them so callers need not know where each one lives.
import { Assignment } from '../assignments/entities.ts';
import { AuditEntry } from '../audit/entities.ts';
import { CalendarSettings } from '../calendar/entities.ts';
import { Client, ClientContact, ClientTag, Interaction } from '../clients/entities.ts';
import { Complaint, ComplaintClockPause, ComplaintMessage, ComplaintStatusChange, KbArticle, KbArticleRevision } from '../complaints/entities.ts';
import { Deal, DealStage, DealStageChange } from '../deals/entities.ts';
import { Invoice, InvoicePayment, PlannedPayment } from '../invoices/entities.ts';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.ts';
import { IntegrationKey } from '../identity/integration-key.entity.ts';
import { Session } from '../identity/session.entity.ts';
import { MailMessage, Notification } from '../notifications/entities.ts';
import { PortalRateCounter, PortalRequest } from '../portal/entities.ts';
import { Department, Employee, Role } from '../organisation/entities.ts';
import { Process, ProcessItem, StepEvent } from '../processes/entities.ts';
import { Route, RouteVersion } from '../routes/entities.ts';
import { ReportSettings, SalesPlan } from '../reports/sales/entities.ts';
import { ImportJob } from '../transfer/entities.ts';
import { MailDelivery, MailSend, MailSuppression, MailTemplate } from '../mailing/entities.ts';
import { Questionnaire, QuestionnaireVersion, SurveyAnswer, SurveyAnswerSet, SurveyInvitation, SurveyRound } from '../surveys/entities.ts';
import { Campaign, CampaignRecipient, CampaignResponse, CampaignTemplate, Segment } from '../marketing/entities.ts';
import { CaseTiming, StepTiming } from '../reports/timing/entities.ts';

export { Department, Employee, Role, Session, Route, RouteVersion, Process, ProcessItem, Assignment, StepEvent, Notification, MailMessage, CalendarSettings, IdempotencyKey, IntegrationKey, AuditEntry, Client, ClientContact, ClientTag, Interaction, DealStage, Deal, DealStageChange, Invoice, PlannedPayment, InvoicePayment, ImportJob, InstallationOrder, InstallationStatusChange, Equipment, ServiceVisit, PhoneConsultation, Complaint, ComplaintStatusChange, ComplaintClockPause, ComplaintMessage, KbArticle, KbArticleRevision, PortalRequest, PortalRateCounter, StepTiming, CaseTiming, SalesPlan, ReportSettings, MailTemplate, MailSend, MailDelivery, MailSuppression, Questionnaire, QuestionnaireVersion, SurveyRound, SurveyInvitation, SurveyAnswerSet, SurveyAnswer, Segment, CampaignTemplate, Campaign, CampaignRecipient, CampaignResponse };
export const entities = [Department, Role, Employee, Session, Route, RouteVersion, Process, ProcessItem, Assignment, StepEvent, Notification, MailMessage, CalendarSettings, IdempotencyKey, IntegrationKey, AuditEntry, ClientTag, Client, ClientContact, Interaction, DealStage, Deal, DealStageChange, Invoice, PlannedPayment, InvoicePayment, ImportJob, InstallationOrder, InstallationStatusChange, Equipment, ServiceVisit, PhoneConsultation, Complaint, ComplaintStatusChange, ComplaintClockPause, ComplaintMessage, KbArticle, KbArticleRevision, PortalRequest, PortalRateCounter, StepTiming, CaseTiming, SalesPlan, ReportSettings, MailTemplate, MailSend, MailDelivery, MailSuppression, Questionnaire, QuestionnaireVersion, SurveyRound, SurveyInvitation, SurveyAnswerSet, SurveyAnswer, Segment, CampaignTemplate, Campaign, CampaignRecipient, CampaignResponse];
import { Equipment, InstallationOrder, InstallationStatusChange, PhoneConsultation, ServiceVisit } from '../service/entities.ts';

