import { createHash, randomBytes } from 'node:crypto';
import type { Secrets } from '../../application/ports/secrets.ts';

export class CryptoSecrets implements Secrets {
  token(): string {
    return randomBytes(32).toString('base64url');
  }

  digest(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
