import { randomInt } from 'node:crypto';
import type { CodeGenerator } from '../../application/ports/codes.ts';
import { newId } from '../db/ids.ts';

/** Crockford's base 32 without I, L, O, U: nothing a reader can confuse (0/O, 1/I/L). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function code(groups: number): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g += 1) {
    let part = '';
    for (let i = 0; i < 4; i += 1) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}

export class CryptoCodeGenerator implements CodeGenerator {
  id(): string {
    return newId();
  }
  accessCode(): string {
    return code(3);
  }
  verificationCode(): string {
    return code(2);
  }
  certificateCode(): string {
    return code(4);
  }
}
