/** The template catalogue: every message Amiable can send, reviewed like code. */
import { disputeAcknowledgement } from './dispute-acknowledgement.ts';
import { disputeOutcome } from './dispute-outcome.ts';
import { documentsRequestAcknowledgement } from './documents-request-acknowledgement.ts';
import { firstLetter } from './first-letter.ts';
import { paymentReceipt } from './payment-receipt.ts';
import { planConfirmation } from './plan-confirmation.ts';
import { promiseConfirmation } from './promise-confirmation.ts';
import { reminder } from './reminder.ts';
import { settlementCertificate } from './settlement-certificate.ts';
import type { TemplateId, TemplateSpec } from './template.ts';
import { timeBarredNotice } from './time-barred-notice.ts';

export const templates: Readonly<Record<TemplateId, TemplateSpec>> = {
  'first-letter': firstLetter,
  reminder,
  'promise-confirmation': promiseConfirmation,
  'plan-confirmation': planConfirmation,
  'payment-receipt': paymentReceipt,
  'dispute-acknowledgement': disputeAcknowledgement,
  'documents-request-acknowledgement': documentsRequestAcknowledgement,
  'time-barred-notice': timeBarredNotice,
  'settlement-certificate': settlementCertificate,
  'dispute-outcome': disputeOutcome,
};

export type { AgencyProfile, ClaimSnapshot, SenderRole, TemplateContext } from './context.ts';
export { templateChannels, templateIds, type TemplateChannel, type TemplateId, type TemplateSpec } from './template.ts';
