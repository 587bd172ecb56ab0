/**
 * SMS through the OVHcloud API (`POST /1.0/sms/{serviceName}/jobs`), authenticated the way OVHcloud
 * signs every call: headers X-Ovh-Application, X-Ovh-Consumer, X-Ovh-Timestamp and
 * X-Ovh-Signature = "$1$" + SHA1_HEX(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TS).
 *
 * Exactly once: the job carries a tag derived from the delivery key. Before sending, the adapter asks
 * `GET /sms/{serviceName}/outgoing?tag=…` whether a message with that tag already left (a previous
 * attempt that crashed after OVHcloud accepted it) and returns it instead of sending again. The key is
 * also sent as an `Idempotency-Key` header for gateways that honour one.
 */
import { createHash } from 'node:crypto';
import { ProviderError, type OutgoingSms, type SentReceipt, type SmsSender } from '../../application/ports/messaging.ts';

export interface OvhSmsOptions {
  /** `https://eu.api.ovh.com/1.0` (or a local test server). */
  readonly endpoint: string;
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
  /** The SMS account, e.g. `sms-ab12345-1`. */
  readonly serviceName: string;
  /** Alphanumeric sender registered with OVHcloud, e.g. `AMIABLE`. */
  readonly sender: string;
  readonly timeoutMs?: number;
}

/** OVHcloud tags are short: the 20 hex digits at the end of the key (its random part for a UUIDv7). */
export function ovhTag(deliveryKey: string): string {
  return deliveryKey.replace(/[^0-9a-zA-Z]/g, '').slice(-20);
}

export function ovhSignature(secret: string, consumerKey: string, method: string, url: string, body: string, timestamp: number): string {
  return `$1$${createHash('sha1').update([secret, consumerKey, method, url, body, String(timestamp)].join('+')).digest('hex')}`;
}

export class OvhSmsSender implements SmsSender {
  readonly name = 'ovh';
  constructor(private readonly options: OvhSmsOptions, private readonly now: () => Date = () => new Date()) {}

  private async call(method: 'GET' | 'POST', path: string, body: unknown, deliveryKey: string): Promise<unknown> {
    const url = `${this.options.endpoint.replace(/\/$/, '')}${path}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Ovh-Application': this.options.applicationKey,
          'X-Ovh-Consumer': this.options.consumerKey,
          'X-Ovh-Timestamp': String(timestamp),
          'X-Ovh-Signature': ovhSignature(this.options.applicationSecret, this.options.consumerKey, method, url, text, timestamp),
          'Idempotency-Key': deliveryKey,
        },
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ProviderError(`OVHcloud SMS unreachable: ${(error as Error).message}`, false);
    }
    const raw = await response.text();
    if (!response.ok) {
      // 400/401/403/404: the request or the credentials are wrong, retrying cannot help; 429/5xx may pass later.
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408;
      throw new ProviderError(`OVHcloud SMS ${method} ${path}: HTTP ${response.status} ${raw.slice(0, 200)}`, permanent);
    }
    return raw ? JSON.parse(raw) : null;
  }

  async send(sms: OutgoingSms): Promise<SentReceipt> {
    const base = `/sms/${encodeURIComponent(this.options.serviceName)}`;
    const tag = ovhTag(sms.deliveryKey);
    const previous = await this.call('GET', `${base}/outgoing?tag=${encodeURIComponent(tag)}`, undefined, sms.deliveryKey);
    if (Array.isArray(previous) && previous.length > 0) return { providerMessageId: `ovh:${String(previous[0])}` };
    const job = await this.call('POST', `${base}/jobs`, {
      charset: 'UTF-8', class: 'phoneDisplay', coding: '8bit', message: sms.text, noStopClause: true, priority: 'high',
      receivers: [sms.to], sender: this.options.sender, senderForResponse: false, tag, validityPeriod: 2880,
    }, sms.deliveryKey) as { ids?: number[]; invalidReceivers?: string[] };
    if (job.invalidReceivers?.length) throw new ProviderError(`OVHcloud refused the number ${job.invalidReceivers.join(', ')}`, true);
    const id = job.ids?.[0];
    if (id === undefined) throw new ProviderError('OVHcloud accepted the job without a message id', false);
    return { providerMessageId: `ovh:${id}` };
  }
}
