/**
 * Wiring of payments (issue #7): the camt reader, the card provider the configuration selects
 * (CARD_PROVIDER=stripe → Stripe, else the built-in test provider, labelled as such), the ZIP bundle
 * writer and the stored documents.
 */
import path from 'node:path';
import type { MessagingDeps } from '../application/messaging/messaging-deps.ts';
import type { PaymentHttpDeps } from '../adapters/http/routes/payment.routes.ts';
import { CamtReader } from '../adapters/payments/camt.reader.ts';
import { StripeCardProvider } from '../adapters/payments/stripe.card-provider.ts';
import { TestCardProvider } from '../adapters/payments/test.card-provider.ts';
import { FileDocumentReader, ZipLitigationBundleWriter } from '../adapters/payments/zip.litigation-bundle.ts';
import type { Config } from './config.ts';

export function buildPaymentDeps(config: Config, messaging: MessagingDeps): PaymentHttpDeps {
  const testCards = config.cardProvider === 'test' ? new TestCardProvider() : undefined;
  const cards = testCards ?? new StripeCardProvider({ secretKey: config.stripeSecretKey!, webhookSecret: config.stripeWebhookSecret!, apiBase: config.stripeApiBase });
  return {
    uow: messaging.uow, clock: messaging.clock, codes: messaging.codes, agency: messaging.agency, secrets: messaging.secrets,
    reader: new CamtReader(), cards, ...(testCards ? { testCards } : {}),
    bundle: new ZipLitigationBundleWriter(), documents: new FileDocumentReader(path.join(config.dataDir, 'documents')),
    maxBankFileBytes: config.bankMaxMegabytes * 1024 * 1024,
  };
}
