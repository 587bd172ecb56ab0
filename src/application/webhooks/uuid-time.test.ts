import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidV7LowerBound, uuidV7Time } from './uuid-time.ts';

describe('UUIDv7 time bounds', () => {
  it('reads the time back and sorts before any id of the same or a later millisecond', () => {
    const at = Date.UTC(2027, 2, 1, 12, 0, 0, 123);
    const bound = uuidV7LowerBound(at);
    expect(uuidV7Time(bound)).toBe(at);
    fc.assert(fc.property(fc.integer({ min: at, max: at + 1e9 }), fc.stringMatching(/^[0-9a-f]{18}$/), (ms, rest) => {
      const hex = ms.toString(16).padStart(12, '0');
      const id = `${hex.slice(0, 8)}-${hex.slice(8)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6, 18)}`;
      expect(bound <= id).toBe(true);
      expect(uuidV7Time(id)).toBe(ms);
    }));
  });
});
