/**
 * Providers of outgoing messages. Every call carries a delivery key, stable across retries of the same
 * message, which the provider uses to deduplicate (SMTP: the Message-ID; SMS: an idempotency header;
 * the built-in catcher: a unique index). A retry after a crash therefore never delivers twice.
 */
export interface OutgoingEmail {
  readonly deliveryKey: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface OutgoingSms {
  readonly deliveryKey: string;
  /** E.164. */
  readonly to: string;
  readonly text: string;
}

export interface SentReceipt {
  /** The provider's id for the message (shown in the outbox, used for delivery reports). */
  readonly providerMessageId: string;
}

export interface Mailer {
  readonly name: string;
  send(email: OutgoingEmail): Promise<SentReceipt>;
}

export interface SmsSender {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SentReceipt>;
}

/** A provider's refusal. `permanent`: retrying the same message cannot succeed (bad number, auth). */
export class ProviderError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'ProviderError';
  }
}
