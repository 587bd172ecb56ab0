import { describe, expect, it } from 'vitest';
import { caseStatuses, isClosed } from '../case/case-status.ts';
import { parseCivilDate } from '../time/index.ts';
import { statusAfterReimport } from './case-changes.ts';
import { mapHeader, normaliseHeader, resolveColumn } from './columns.ts';
import { readDate, validateRow, type RowValues } from './validate-row.ts';

const asOf = parseCivilDate('2026-11-26');
const base: RowValues = {
  creditor_reference: 'R-1', debtor_type: 'consumer', category: 'telecom', civility: 'Mme', first_name: 'Élodie', last_name: 'Lefèvre',
  birth_date: '1985-06-15', principal: '1 234,56', due_date: '2026-09-05', address_line1: '12 rue de l\'Église', postcode: '75011', city: 'Paris',
  phone: '06 12 34 56 01', email: 'Elodie@Example.org',
};
const check = (overrides: Record<string, string | undefined>) => validateRow({ ...base, ...overrides }, asOf);
const codes = (overrides: Record<string, string | undefined>) => {
  const result = check(overrides);
  return result.ok ? [] : result.errors.map((e) => `${e.column}:${e.reason.code}`);
};

describe('column names', () => {
  it('accepts French and English names, accents and case aside, and numbered repeats', () => {
    expect(normaliseHeader('\uFEFFDate de naissance')).toBe('date_de_naissance');
    expect(resolveColumn('Téléphone 2')?.key).toBe('phone_2');
    expect(resolveColumn('E-mail 3')?.key).toBe('email_3');
    expect(resolveColumn('Code postal 2')?.key).toBe('postcode_2');
    expect(resolveColumn('phone_4')).toBeNull(); // at most 3 phones
    expect(resolveColumn('principal_2')).toBeNull(); // not repeatable
    expect(resolveColumn('Référence créancier')?.key).toBe('creditor_reference');
  });

  it('lists every missing required column before any row is read', () => {
    const mapping = mapHeader(['reference', 'nom', 'montant_principal', 'mystery']);
    expect(mapping.missing).toEqual(['debtor_type', 'category', 'due_date', 'address_line1', 'postcode', 'city']);
    expect(mapping.ignored).toEqual(['mystery']);
    expect(mapHeader(['nom', 'last_name']).duplicated).toEqual(['last_name']);
  });
});

describe('validateRow', () => {
  it('accepts a good row: cents exact, E.164 phone, lower-case e-mail, limitation computed by the engine', () => {
    const result = check({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.claim).toMatchObject({
      principalCents: 123456, status: 'notice_pending', phones: [{ e164: '+33612345601', type: 'mobile', territory: 'FR-METRO' }],
      emails: [{ value: 'elodie@example.org' }], limitation: { kind: 'prescription', expiresOn: '2027-09-05', status: 'running' },
    });
    expect(result.claim.addresses[0]).toMatchObject({ postcode: '75011', territory: 'FR-METRO', country: 'FR' });
  });

  it('reads DD/MM/YYYY and refuses dates that do not exist', () => {
    expect(readDate('05/09/2026')).toBe('2026-09-05');
    expect(readDate('2027-02-31')).toBeNull();
    expect(readDate('31/02/2026')).toBeNull();
    expect(codes({ birth_date: '2027-02-31' })).toEqual(['birth_date:invalid_date']);
    expect(codes({ birth_date: '31/02/1980' })).toEqual(['birth_date:invalid_date']);
  });

  it('refuses dates after the import date, and a claim not yet payable', () => {
    expect(codes({ birth_date: '2026-11-27' })).toEqual(['birth_date:date_in_future']);
    expect(codes({ due_date: '2026-12-01' })).toEqual(['due_date:not_exigible']);
    expect(codes({ due_date: '2026-11-26' })).toEqual([]);
  });

  it('refuses negative, zero, imprecise and unreadable amounts', () => {
    expect(codes({ principal: '-12,00' })).toEqual(['principal:amount_negative']);
    expect(codes({ principal: '0' })).toEqual(['principal:amount_not_positive']);
    expect(codes({ principal: '12,345' })).toEqual(['principal:invalid_amount']);
    expect(codes({ principal: '12,3456' })).toEqual(['principal:amount_too_precise']);
    expect(codes({ interest: 'douze' })).toEqual(['interest:invalid_amount']);
    expect(codes({ principal: '1234.56 €' })).toEqual([]);
  });

  it('checks the total exactly: "0,1" + "0,2" is "0,3"', () => {
    expect(codes({ principal: '0,1', interest: '0,2', total: '0,3' })).toEqual([]);
    const wrong = check({ principal: '0,1', interest: '0,2', total: '0,31' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors[0]!.reason.en).toContain('0.30');
  });

  it('refuses collection fees on a consumer without enforceable title (CPCE-exéc L111-8), not with a title or against a business', () => {
    const refused = check({ collection_fees: '9,80' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors[0]!.reason.code).toBe('fees_consumer_without_title');
      expect(refused.errors[0]!.reason.en).toContain('L111-8');
      expect(refused.errors[0]!.reason.fr).toContain('L111-8');
    }
    expect(codes({ collection_fees: '9,80', title_date: '2026-01-10' })).toEqual([]);
    expect(codes({ collection_fees: '40', debtor_type: 'professional', category: 'professional', company_name: 'ACME SAS' })).toEqual([]);
  });

  it('refuses an assigned debt not notified to the debtor (C. civ. 1324)', () => {
    expect(codes({ assignment_date: '2026-01-10' })).toEqual(['assignment_notified_date:assignment_not_notified']);
    expect(codes({ assignment_date: '2026-01-10', assignment_notified_date: '2026-01-05' })).toEqual(['assignment_notified_date:notified_before_assignment']);
    expect(codes({ assignment_date: '2026-01-10', assignment_notified_date: '2026-02-01' })).toEqual([]);
  });

  it('reads a national overseas number in the territory of the address, refuses premium rate and bad numbers', () => {
    const result = check({ postcode: '97110', city: 'Pointe-à-Pitre', phone: '0690 12 34 08' });
    expect(result.ok && result.claim.phones[0]).toMatchObject({ e164: '+590690123408', territory: 'FR-GP' });
    expect(codes({ phone: '0899 12 34 56' })).toEqual(['phone:premium_rate_phone']);
    expect(codes({ phone: '0712345678' })).toEqual(['phone:invalid_phone']);
    expect(codes({ phone_2: '12' })).toEqual(['phone_2:invalid_phone']);
  });

  it('refuses unknown postcodes and bad e-mails, accepts a foreign address as given', () => {
    expect(codes({ postcode: '96000' })).toEqual(['postcode:unknown_postcode']);
    expect(codes({ postcode: '7501' })).toEqual(['postcode:unknown_postcode']);
    expect(codes({ postcode: '20000' })).toEqual([]);
    expect(codes({ email: 'not-an-email' })).toEqual(['email:invalid_email']);
    expect(codes({ email: 'a@b..fr' })).toEqual(['email:invalid_email']);
    expect(codes({ postcode: '1000', city: 'Bruxelles', country: 'BE', phone: '+32 470 12 34 56' })).toEqual([]);
  });

  it('refuses a 10k-character field as too long, and quotes at most 100 characters of it', () => {
    const result = check({ last_name: 'x'.repeat(10_000) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ column: 'last_name', reason: { code: 'too_long' } });
    expect(result.errors[0]!.value.length).toBeLessThanOrEqual(100);
    expect(result.errors[0]!.reason.en).toContain('10000');
  });

  it('stores a value starting with "=" as data', () => {
    const result = check({ last_name: '=HYPERLINK("http://x")' });
    expect(result.ok && result.claim.debtor.lastName).toBe('=HYPERLINK("http://x")');
  });

  it('closes a time-barred claim and flags one expiring within 60 days', () => {
    const barred = check({ due_date: '2025-06-01' });
    expect(barred.ok && barred.claim.status).toBe('closed_prescribed');
    const soon = check({ due_date: '2025-12-20' });
    expect(soon.ok && soon.claim.flags).toEqual([{ kind: 'limitation_soon', expiresOn: '2026-12-20', daysLeft: 24 }]);
    // An acknowledgement before expiry restarts the year (C. civ. 2240), through the engine.
    const acknowledged = check({ due_date: '2025-06-01', acknowledgement_date: '2026-03-01' });
    expect(acknowledged.ok && acknowledged.claim.limitation.expiresOn).toBe('2027-03-01');
  });

  it('requires what each category needs, and reports every problem of a row at once', () => {
    expect(codes({ category: 'consumer_credit' })).toEqual(['first_unpaid_date:first_unpaid_required']);
    expect(codes({ category: 'enforceable_title' })).toEqual(['title_date:title_date_required']);
    expect(codes({ category: 'crédit conso', first_unpaid_date: '2026-01-10' })).toEqual([]);
    expect(codes({ creditor_reference: '', principal: '', first_name: '', category: 'bogus' })).toEqual([
      'creditor_reference:required', 'category:unknown_category', 'first_name:name_required', 'principal:required',
    ]);
  });
});

describe('statusAfterReimport', () => {
  it('closes an open case found time-barred through the case life cycle, never reopens or resets one', () => {
    for (const status of caseStatuses) {
      expect(statusAfterReimport(status, false)).toBe(status);
      expect(statusAfterReimport(status, true)).toBe(isClosed(status) ? status : 'closed_prescribed');
    }
  });
});
