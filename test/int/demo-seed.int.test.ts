/** The demo a newcomer sees must itself be valid data: every phone valid for the debtor's territory. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints } from '../../src/adapters/db/schema.ts';
import { seedDemoData } from '../../src/adapters/db/seed/demo-seed.ts';
import { Argon2PasswordHasher } from '../../src/adapters/security/argon2.password-hasher.ts';
import { territoryFromPhone, territoryFromPostcode } from '../../src/domain/calendar/index.ts';
import { checkPhone } from '../../src/domain/intake/phone.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.database.db, new Argon2PasswordHasher(), new Date('2026-11-26T09:00:00Z'));
});
afterAll(async () => t?.destroy());

describe('demo data', () => {
  it('gives every debtor valid phone numbers in the territory of their address', async () => {
    const points = await t.database.db.select().from(contactPoints);
    const phones = points.filter((p) => p.kind === 'phone');
    const postal = new Map(points.filter((p) => p.kind === 'postal').map((p) => [p.debtorId, (p.postal as { postcode: string }).postcode]));
    expect(phones.length).toBeGreaterThan(10);
    for (const phone of phones) {
      expect(checkPhone(phone.value, 'FR'), phone.value).toMatchObject({ ok: true, e164: phone.value });
      const postcode = postal.get(phone.debtorId)!;
      const byAddress = territoryFromPostcode(postcode);
      // Metropolitan subdivisions (Alsace-Moselle, Corsica) share the +33 plan; Saint-Martin and
      // Saint-Barthélemy share Guadeloupe's +590 mobile blocks (the address decides, docs/rules.md).
      const overseas = ['FR-GP', 'FR-MQ', 'FR-GF', 'FR-RE', 'FR-YT', 'FR-MF', 'FR-BL', 'FR-PM'];
      const expected = !overseas.includes(byAddress) ? ['FR-METRO'] : byAddress === 'FR-MF' || byAddress === 'FR-BL' ? [byAddress, 'FR-GP'] : [byAddress];
      expect(expected, `${phone.value} for ${postcode}`).toContain(territoryFromPhone(phone.value));
    }
  });

  it('seeds only once', async () => {
    expect(await seedDemoData(t.database.db, new Argon2PasswordHasher(), new Date())).toBeNull();
    expect((await t.database.db.select().from(contactPoints).where(eq(contactPoints.kind, 'phone'))).length).toBeGreaterThan(0);
  });
});
