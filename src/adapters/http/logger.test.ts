import { describe, expect, it } from 'vitest';
import { maskIban } from './logger.ts';

describe('maskIban', () => {
  it('keeps the country, check digits and last four characters only', () => {
    expect(maskIban('FR76 3000 6000 0112 3456 7890 189')).toBe('FR76*******************0189');
    expect(maskIban('FR7630006000011234567890189')).not.toContain('30006');
    expect(maskIban('DE89')).toBe('****');
  });
});
