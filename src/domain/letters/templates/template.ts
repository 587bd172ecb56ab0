import type { MessageDocument } from '../document.ts';
import type { TemplateContext } from './context.ts';

export const templateIds = [
  'first-letter', 'reminder', 'promise-confirmation', 'plan-confirmation', 'payment-receipt', 'dispute-acknowledgement',
  'documents-request-acknowledgement', 'time-barred-notice', 'settlement-certificate', 'dispute-outcome',
] as const;
export type TemplateId = (typeof templateIds)[number];

export const templateChannels = ['letter', 'sms', 'email'] as const;
export type TemplateChannel = (typeof templateChannels)[number];

/** A reviewed template: plain TypeScript that turns a context into a document (no string evaluation). */
export interface TemplateSpec {
  readonly id: TemplateId;
  readonly title: { readonly fr: string; readonly en: string };
  /** `information` messages (receipts, acknowledgements) skip caps and the notice rules, not hours. */
  readonly purpose: 'collection' | 'information';
  /** The R124-4 first letter: every R124-4 mention is required. */
  readonly firstLetter: boolean;
  /** Asks for payment: a letter then carries the payment block with the EPC QR code. */
  readonly asksForPayment: boolean;
  /** Sent about a time-barred claim: no demand, no threat. */
  readonly timeBarred: boolean;
  readonly channels: readonly TemplateChannel[];
  build(ctx: TemplateContext, channel: TemplateChannel): MessageDocument;
}

export function unsupportedChannel(id: TemplateId, channel: TemplateChannel): never {
  throw new RangeError(`template ${id} has no ${channel} version`);
}
