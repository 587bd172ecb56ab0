/**
 * The built-in catcher (embedded default, no provider configured): SMS and e-mails are stored in the
 * database instead of leaving the machine, readable in the back office and with `amiable outbox`.
 * Like a provider honouring an idempotency key, it keeps one message per delivery key.
 */
import { eq } from 'drizzle-orm';
import type { Mailer, OutgoingEmail, OutgoingSms, SentReceipt, SmsSender } from '../../application/ports/messaging.ts';
import { newId } from '../db/ids.ts';
import type { AppDb } from '../db/open-database.ts';
import { caughtMessages } from '../db/schema.ts';

async function keep(db: AppDb, row: Omit<typeof caughtMessages.$inferInsert, 'id'>): Promise<SentReceipt> {
  await db.insert(caughtMessages).values({ id: newId(), ...row }).onConflictDoNothing({ target: caughtMessages.deliveryKey });
  const [stored] = await db.select({ id: caughtMessages.id }).from(caughtMessages).where(eq(caughtMessages.deliveryKey, row.deliveryKey));
  return { providerMessageId: `catcher:${stored!.id}` };
}

export class CatcherMailer implements Mailer {
  readonly name = 'catcher';
  constructor(private readonly db: AppDb) {}
  send(email: OutgoingEmail): Promise<SentReceipt> {
    return keep(this.db, { channel: 'email', deliveryKey: email.deliveryKey, recipient: email.to, subject: email.subject, textBody: email.text, htmlBody: email.html });
  }
}

export class CatcherSmsSender implements SmsSender {
  readonly name = 'catcher';
  constructor(private readonly db: AppDb) {}
  send(sms: OutgoingSms): Promise<SentReceipt> {
    return keep(this.db, { channel: 'sms', deliveryKey: sms.deliveryKey, recipient: sms.to, textBody: sms.text });
  }
}
