/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, spec "Signature scheme"): the secret is
 * `whsec_` + base64 of random bytes; the signature is `v1,` + base64(HMAC-SHA256(key = those bytes,
 * "<webhook-id>.<webhook-timestamp>.<body>")). Secrets are kept encrypted at rest with AES-256-GCM under
 * AMIABLE_WEBHOOK_KEY (signing needs the secret itself, so a one-way hash would not do).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { WebhookCrypto } from '../../application/ports/webhooks.ts';

export const secretPrefix = 'whsec_';

export class StandardWebhooksCrypto implements WebhookCrypto {
  private readonly key: Buffer;

  /** `key`: 32 bytes (AMIABLE_WEBHOOK_KEY, base64-decoded). */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('The webhook encryption key must be 32 bytes');
    this.key = key;
  }

  newSecret(): string {
    // 24 bytes (192 bits), as the Standard Webhooks reference libraries generate.
    return `${secretPrefix}${randomBytes(24).toString('base64')}`;
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(ciphertext: string): string {
    const [version, iv, tag, body] = ciphertext.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown webhook secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
    const key = Buffer.from(secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
  }
}
