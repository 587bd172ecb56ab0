import { describe, expect, it } from 'vitest';
import { normaliseAccessCode, normaliseReference, normaliseVerificationCode } from './credentials.ts';

describe('credential normalisation', () => {
  it('reads access codes as printed, whatever the case, spaces and look-alike letters', () => {
    expect(normaliseAccessCode('k7qm-4xd9-pwr2')).toBe('K7QM4XD9PWR2');
    expect(normaliseAccessCode(' K7QM 4XD9 PWR2 ')).toBe('K7QM4XD9PWR2');
    expect(normaliseAccessCode('OIL0')).toBe('0110');
  });
  it('normalises references and verification codes', () => {
    expect(normaliseReference(' abc 123 ')).toBe('ABC123');
    expect(normaliseVerificationCode('ab12cd34')).toBe('AB12-CD34');
    expect(normaliseVerificationCode('AB12-CD3')).toBeNull();
    expect(normaliseVerificationCode('AB12-CD3U')).toBeNull();
  });
});
