/**
 * E-mail over SMTP with nodemailer (`SMTP_URL`). The Message-ID is derived from the delivery key, so a
 * retry of the same message carries the same Message-ID: receiving systems (and mail clients) treat
 * it as the same message.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { ProviderError, type Mailer, type OutgoingEmail, type SentReceipt } from '../../application/ports/messaging.ts';

export interface SmtpOptions {
  readonly url: string;
  /** "Amiable Recouvrement <no-reply@amiable.example>". */
  readonly from: string;
  /** The domain part of Message-IDs. */
  readonly messageIdDomain: string;
}

export function messageIdFor(deliveryKey: string, domain: string): string {
  return `<${deliveryKey}@${domain}>`;
}

export class SmtpMailer implements Mailer {
  readonly name = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  async send(email: OutgoingEmail): Promise<SentReceipt> {
    const messageId = messageIdFor(email.deliveryKey, this.options.messageIdDomain);
    try {
      await this.transport.sendMail({
        from: this.options.from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId,
        headers: { 'X-Amiable-Delivery-Key': email.deliveryKey },
      });
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refused this message for good (unknown mailbox…); anything else may pass later.
      throw new ProviderError(`SMTP: ${(error as Error).message}`, responseCode !== undefined && responseCode >= 500 && responseCode < 600);
    }
    return { providerMessageId: messageId };
  }

  close(): void {
    this.transport.close();
  }
}
