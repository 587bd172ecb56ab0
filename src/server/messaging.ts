/**
 * Wiring of letters and messaging: the agency profile, the PDF renderer, batch storage, and the
 * providers each setting selects (SMTP_URL → SMTP, else the catcher; SMS_PROVIDER=ovh → OVHcloud,
 * else the catcher). Due SMS and e-mails are sent by the `outbox.send` job (src/server/jobs).
 */
import path from 'node:path';
import type { MessagingDeps } from '../application/messaging/messaging-deps.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Mailer, SmsSender } from '../application/ports/messaging.ts';
import type { Database } from '../adapters/db/open-database.ts';
import { DrizzleUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { CatcherMailer, CatcherSmsSender } from '../adapters/messaging/catcher.messages.ts';
import { OvhSmsSender } from '../adapters/messaging/http.sms-sender.ts';
import { SmtpMailer } from '../adapters/messaging/smtp.mailer.ts';
import { FileBatchStorage } from '../adapters/pdf/file.batch-storage.ts';
import { PdfkitLetterRenderer } from '../adapters/pdf/pdfkit.letter-renderer.ts';
import { Argon2PasswordHasher } from '../adapters/security/argon2.password-hasher.ts';
import { CryptoCodeGenerator } from '../adapters/security/crypto.codes.ts';
import { CryptoSecrets } from '../adapters/security/crypto.secrets.ts';
import { systemClock } from '../adapters/system.clock.ts';
import { agencySettings } from './agency.ts';
import type { Config } from './config.ts';

export interface MessagingOverrides {
  readonly clock?: Clock;
  readonly mailer?: Mailer;
  readonly sms?: SmsSender;
}

export function buildMessagingDeps(config: Config, database: Database, overrides: MessagingOverrides = {}): MessagingDeps {
  const agency = agencySettings(config);
  const portalHost = agency.profile ? new URL(agency.profile.portalUrl).hostname : 'amiable.invalid';
  const mailer = overrides.mailer ?? (config.smtpUrl
    ? new SmtpMailer({ url: config.smtpUrl, from: config.smtpFrom, messageIdDomain: portalHost })
    : new CatcherMailer(database.db));
  const sms = overrides.sms ?? (config.smsProvider === 'ovh'
    ? new OvhSmsSender({
      endpoint: config.ovhEndpoint, applicationKey: config.ovhApplicationKey!, applicationSecret: config.ovhApplicationSecret!,
      consumerKey: config.ovhConsumerKey!, serviceName: config.ovhSmsService!, sender: config.ovhSmsSender!,
    })
    : new CatcherSmsSender(database.db));
  return {
    uow: new DrizzleUnitOfWork(database.db),
    clock: overrides.clock ?? systemClock,
    codes: new CryptoCodeGenerator(),
    hasher: new Argon2PasswordHasher(),
    secrets: new CryptoSecrets(),
    agency,
    renderer: new PdfkitLetterRenderer(),
    storage: new FileBatchStorage(config.lettersDir ?? path.join(config.dataDir, 'letters')),
    mailer,
    sms,
  };
}
