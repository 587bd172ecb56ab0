import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffEvidenceType } from './evidence.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('sniffEvidenceType', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
  });
  it('refuses anything else, including HTML, scripts and truncated signatures', () => {
    expect(sniffEvidenceType(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffEvidenceType(new TextEncoder().encode('%PDF'))).toBeNull();
    expect(sniffEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array())).toBeNull();
  });
  it('never accepts bytes that start with none of the signatures', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 16 }), (head) => {
      const starts = head[0] === 0x25 || head[0] === 0xff || head[0] === 0x89;
      if (!starts) expect(sniffEvidenceType(head)).toBeNull();
    }));
  });
});
