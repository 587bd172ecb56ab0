import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, civilDateFromParts, parseCivilDate } from '../time/index.ts';
import { limitation, type LimitationClaim, type LimitationEvent } from './limitation.ts';
import { limitationCategories, limitationEventTypes, limitationPeriods, type LimitationCategory } from './limitation-rules.ts';

const at = (claim: LimitationClaim, asOf: string, events: LimitationEvent[] = []) => limitation(claim, events, asOf);

describe('limitation periods by category', () => {
  it('telecom: 1 year from the due date, last day included (CPCE-télécom L34-2, C. civ. 2229)', () => {
    const claim: LimitationClaim = { category: 'telecom', dueDate: '2025-03-01' };
    expect(at(claim, '2026-03-01')).toMatchObject({ kind: 'prescription', expiresOn: '2026-03-01', status: 'running', basis: 'CPCE-télécom L34-2' });
    expect(at(claim, '2026-03-02').status).toBe('expired');
  });

  it('the issue’s example: an acknowledgement restarts the year (C. civ. 2240)', () => {
    const result = at({ category: 'telecom', debtorType: 'consumer', dueDate: '2025-03-01' }, '2026-06-01',
      [{ type: 'acknowledgement', date: '2025-12-01' }]);
    expect(result).toMatchObject({ kind: 'prescription', expiresOn: '2026-12-01', status: 'running', basis: 'CPCE-télécom L34-2; C. civ. 2240', startsOn: '2025-12-01' });
    expect(result.explanation.fr).toContain('2026-12-01');
    expect(result.explanation.en).toContain('before expiry');
  });

  it.each(['energy', 'water', 'consumer_goods_services'] as const)('%s: 2 years from the due date (C. conso L218-2)', (category) => {
    expect(at({ category, dueDate: '2024-01-15' }, '2026-01-16')).toMatchObject({ expiresOn: '2026-01-15', status: 'expired', basis: 'C. conso L218-2' });
  });

  it('mortgage: 2 years per instalment (C. conso L218-2), 29 February → 28 February', () => {
    expect(at({ category: 'mortgage', dueDate: '2024-02-29' }, '2026-02-28')).toMatchObject({ expiresOn: '2026-02-28', status: 'running' });
  });

  it('rent: 3 years (loi 89-462 art. 7-1)', () => {
    expect(at({ category: 'rent', dueDate: '2023-04-05' }, '2026-04-06')).toMatchObject({ expiresOn: '2026-04-05', status: 'expired', basis: 'Loi 89-462 art. 7-1' });
  });

  it('professional: 5 years (C. civ. 2224, C. com. L110-4)', () => {
    expect(at({ category: 'professional', debtorType: 'professional', dueDate: '2021-07-01' }, '2026-07-01'))
      .toMatchObject({ expiresOn: '2026-07-01', status: 'running', basis: 'C. civ. 2224; C. com. L110-4' });
  });

  it('a business debtor is not a consumer: L218-2 gives way to the 5-year rule', () => {
    const result = at({ category: 'consumer_goods_services', debtorType: 'professional', dueDate: '2021-07-01' }, '2024-01-01');
    expect(result).toMatchObject({ expiresOn: '2026-07-01', basis: 'C. civ. 2224; C. com. L110-4' });
    expect(result.explanation.en).toContain('C. conso L218-2 does not apply');
  });

  it('enforceable title: 10 years from the title, no 20-year long stop (CPCE-exéc L111-4)', () => {
    const claim: LimitationClaim = { category: 'enforceable_title', titleDate: '2020-06-30' };
    expect(at(claim, '2030-07-01')).toMatchObject({ expiresOn: '2030-06-30', status: 'expired', basis: 'CPCE-exéc L111-4' });
    const renewed = at(claim, '2039-01-01', [{ type: 'partial_payment', date: '2029-01-10' }, { type: 'acknowledgement', date: '2038-12-01' }]);
    expect(renewed.expiresOn).toBe('2048-12-01'); // 28 years after the title: 2232 does not cap titles
  });
});

describe('consumer credit: 2-year forclusion (C. conso R312-35)', () => {
  const credit: LimitationClaim = { category: 'consumer_credit', firstUnpaidDate: '2024-05-10', dueDate: null };

  it('runs from the first unpaid instalment not made good; acknowledgements and notices do nothing', () => {
    const result = at(credit, '2026-05-11', [
      { type: 'acknowledgement', date: '2025-01-01' }, { type: 'partial_payment', date: '2025-02-01' },
      { type: 'formal_notice', date: '2025-03-01' },
    ]);
    expect(result).toMatchObject({ kind: 'forclusion', expiresOn: '2026-05-10', status: 'expired', basis: 'C. conso R312-35' });
    expect(result.explanation.fr).toContain('sans effet sur une forclusion');
  });

  it('a rescheduling or a court claim before expiry restarts it', () => {
    expect(at(credit, '2026-06-01', [{ type: 'rescheduling', date: '2025-06-01' }]).expiresOn).toBe('2027-06-01');
    expect(at(credit, '2026-06-01', [{ type: 'court_claim', date: '2026-05-10' }])).toMatchObject({ expiresOn: '2028-05-10', status: 'running' });
  });

  it('needs firstUnpaidDate', () => {
    expect(() => at({ category: 'consumer_credit', dueDate: '2024-05-10' }, '2025-01-01')).toThrow('firstUnpaidDate is required for category consumer_credit');
  });
});

describe('interruption rules (C. civ. 2231, 2240–2242, 2249)', () => {
  const telecom: LimitationClaim = { category: 'telecom', dueDate: '2025-03-01' };

  it('a formal notice never interrupts', () => {
    expect(at(telecom, '2026-03-02', [{ type: 'formal_notice', date: '2026-02-01' }])).toMatchObject({ expiresOn: '2026-03-01', status: 'expired', basis: 'CPCE-télécom L34-2' });
  });

  it('a payment on the last day still interrupts; the day after, it revives nothing', () => {
    expect(at(telecom, '2026-06-01', [{ type: 'partial_payment', date: '2026-03-01' }]).expiresOn).toBe('2027-03-01');
    const late = at(telecom, '2026-06-01', [{ type: 'partial_payment', date: '2026-03-02' }]);
    expect(late).toMatchObject({ expiresOn: '2026-03-01', status: 'expired' });
    expect(late.explanation.fr).toContain('C. civ. 2249');
  });

  it('a court claim interrupts, counted from the claim as a floor (2241, 2242), and lifts the long stop', () => {
    const result = at(telecom, '2026-06-01', [{ type: 'court_claim', date: '2026-01-15' }]);
    expect(result).toMatchObject({ expiresOn: '2027-01-15', basis: 'CPCE-télécom L34-2; C. civ. 2241, 2242' });
    expect(result.explanation.en).toContain('the real date will be later');
  });

  it('caps repeated acknowledgements at 20 years from the start (C. civ. 2232)', () => {
    const events = [2004, 2008, 2012, 2016, 2018].map((year) => ({ type: 'acknowledgement' as const, date: `${String(year)}-01-01` }));
    const result = at({ category: 'professional', dueDate: '2000-01-01' }, '2020-01-02', events);
    expect(result).toMatchObject({ expiresOn: '2020-01-01', status: 'expired', basis: 'C. civ. 2224; C. com. L110-4; C. civ. 2240; C. civ. 2232' });
  });

  it('ignores events before the start or after the evaluation date', () => {
    expect(at(telecom, '2026-01-01', [{ type: 'acknowledgement', date: '2025-02-01' }, { type: 'acknowledgement', date: '2026-02-01' }]).expiresOn).toBe('2026-03-01');
  });

  it('refuses impossible dates', () => {
    expect(() => at({ category: 'telecom', dueDate: '2025-02-30' }, '2026-01-01')).toThrow(/^dueDate: invalid date "2025-02-30"/);
    expect(() => at(telecom, '2026-13-01')).toThrow(/^asOf: invalid date/);
    expect(() => at(telecom, '2026-01-01', [{ type: 'acknowledgement', date: '2025-13-01' }])).toThrow(/^events\[0\]\.date: invalid date/);
  });
});

describe('limitation properties', () => {
  const date = fc.integer({ min: 0, max: 40 * 366 }).map((offset) => addDays(civilDateFromParts(1995, 1, 1), offset));
  const event = fc.record({ type: fc.constantFrom(...limitationEventTypes), date });
  const claim = fc.record({
    category: fc.constantFrom<LimitationCategory>(...limitationCategories),
    debtorType: fc.constantFrom('consumer' as const, 'professional' as const),
    start: date,
  }).map(({ category, debtorType, start }): LimitationClaim => ({
    category, debtorType, dueDate: start, firstUnpaidDate: start, titleDate: start,
  }));
  const comparable = (result: ReturnType<typeof limitation>) =>
    ({ kind: result.kind, expiresOn: result.expiresOn, status: result.status, basis: result.basis });

  it('an event after expiry never changes the result', () => {
    fc.assert(fc.property(claim, fc.array(event, { maxLength: 6 }), date, fc.constantFrom(...limitationEventTypes), fc.integer({ min: 1, max: 4000 }),
      (c, events, asOf, type, daysAfter) => {
        const before = limitation(c, events, asOf);
        const late = { type, date: addDays(before.expiresOn, daysAfter) };
        expect(comparable(limitation(c, [...events, late], asOf))).toEqual(comparable(before));
      }));
  });

  it('an acknowledgement before expiry never makes expiresOn earlier', () => {
    fc.assert(fc.property(claim, fc.array(event, { maxLength: 6 }), date, fc.integer({ min: 0, max: 4000 }),
      (c, events, asOf, offset) => {
        const before = limitation(c, events, asOf);
        const acknowledgement = { type: 'acknowledgement' as const, date: addDays(parseCivilDate(c.dueDate ?? ''), offset) };
        expect(limitation(c, [...events, acknowledgement], asOf).expiresOn >= before.expiresOn).toBe(true);
      }));
  });

  it('expiresOn is never before the start plus the period, and the status matches asOf', () => {
    fc.assert(fc.property(claim, fc.array(event, { maxLength: 6 }), date, (c, events, asOf) => {
      const result = limitation(c, events, asOf);
      expect(result.expiresOn >= (c.dueDate ?? '')).toBe(true);
      expect(result.expiresOn >= result.startsOn).toBe(true);
      expect(result.status).toBe(asOf > result.expiresOn ? 'expired' : 'running');
      expect(result.kind).toBe(c.debtorType === 'professional' && limitationPeriods[c.category].consumerOnly ? 'prescription' : limitationPeriods[c.category].kind);
    }));
  });
});
