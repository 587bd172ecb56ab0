import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 12 ms a hash on the reference
 * machine (STACK_NOTES.md §8), cheap for a login and expensive for an offline attacker.
 */
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class Argon2PasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must not become a server error on the login route.
      return false;
    }
  }
}
