/**
 * Portfolio intake against a real database (embedded and PostgreSQL): the sample file, a re-import, the
 * same person across creditors, homonyms, a hostile file, JSON Lines, the rejects file, idempotency.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgIntakeStore } from '../../src/adapters/db/intake.repository.ts';
import { callPointsOf } from '../support/call-points.ts';
import { queryRows } from '../../src/adapters/db/open-database.ts';
import { auditLog, caseEvents, cases, contactPoints, debtors, importReportItems } from '../../src/adapters/db/schema.ts';
import { verifyAuditChain } from '../../src/adapters/db/audit-log.repository.ts';
import { rejectsFile } from '../../src/adapters/intake/rejects-file.ts';
import { validateRow } from '../../src/domain/intake/validate-row.ts';
import { mapHeader } from '../../src/domain/intake/columns.ts';
import { parseCivilDate } from '../../src/domain/time/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { importFile, insertCreditor, sampleLines, samplePath, tempDir } from '../support/intake.ts';

let t: TestDatabase;
const files = tempDir();
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  files.remove();
  await t?.destroy();
});

const { header, rows } = sampleLines();
const columns = header.split(';');
const col = (name: string) => columns.indexOf(name);
/** A sample row (semicolon CSV, the few quoted cells hold no ';') with some cells replaced. */
function withCells(row: string, changes: Record<string, string>): string {
  const cells = row.match(/("[^"]*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, '')).slice(0, columns.length);
  for (const [name, value] of Object.entries(changes)) cells[col(name)] = value;
  return cells.join(';');
}
const cellOf = (row: string, name: string) => row.match(/("[^"]*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, '').replace(/^"|"$/g, ''))[col(name)]!;

describe('the sample file', () => {
  let creditorId: string;
  let importId: string;

  it('imports every row into a case with its limitation; time-barred closed, near-expiry flagged', async () => {
    creditorId = await insertCreditor(t.database, 'Sample Creditor');
    const outcome = await importFile(t.database, creditorId, samplePath, { batchSize: 5 });
    importId = outcome.import.id;
    const asOf = parseCivilDate(outcome.import.asOf);
    // What the engine says about each row, independently of the import path.
    const keys = mapHeader(columns).keys;
    const expected = rows.map((row) => {
      const cells = row.match(/("[^"]*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, '').replace(/^"|"$/g, ''));
      const values = Object.fromEntries(keys.map((k, i) => [k, cells[i]]).filter(([k]) => k));
      const result = validateRow(values, asOf);
      if (!result.ok) throw new Error(`sample row refused: ${JSON.stringify(result.errors)}`);
      return result.claim;
    });
    expect(outcome.import.status).toBe('completed');
    expect(outcome.import.counts).toMatchObject({
      rowsSeen: rows.length, created: rows.length, refused: 0,
      prescribed: expected.filter((c) => c.status === 'closed_prescribed').length,
      flagged: expected.filter((c) => c.flags.length > 0).length,
    });
    expect(outcome.import.counts.prescribed).toBeGreaterThan(0);
    expect(outcome.import.counts.flagged).toBeGreaterThan(0);

    const stored = await t.database.db.select().from(cases).where(eq(cases.creditorId, creditorId));
    expect(stored).toHaveLength(rows.length);
    for (const claim of expected) {
      const row = stored.find((c) => c.creditorReference === claim.creditorReference)!;
      expect(row).toMatchObject({
        status: claim.status, limitationKind: claim.limitation.kind, limitationExpiresOn: claim.limitation.expiresOn,
        principalCents: claim.principalCents, interestCents: claim.interestCents, lastImportId: importId,
      });
    }
    // The import's start and end are in the audit chain, which still verifies.
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, importId));
    expect(audit.map((a) => a.action)).toEqual(['import.started', 'import.completed']);
    expect(audit[1]!.data).toMatchObject({ counts: { created: rows.length } });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
    const items = await t.database.db.select().from(importReportItems).where(eq(importReportItems.importId, importId));
    expect(items.filter((i) => i.kind === 'closed_prescribed').map((i) => i.creditorReference))
      .toEqual(expected.filter((c) => c.status === 'closed_prescribed').map((c) => c.creditorReference));
    // A time-barred case is listed with the engine's explanation, in both languages.
    const barred = items.find((i) => i.kind === 'closed_prescribed')!.detail as { basis: string; explanation: { fr: string; en: string } };
    expect(barred.explanation.fr).toContain(barred.basis.split(';')[0]!);
    expect(barred.explanation.en).toContain(barred.basis.split(';')[0]!);
    expect(items.filter((i) => i.kind === 'limitation_soon').map((i) => i.creditorReference))
      .toEqual(expected.filter((c) => c.flags.length > 0).map((c) => c.creditorReference));
  });

  it('stores overseas phones in E.164 with their territory, and the source of every field and contact point', async () => {
    const guadeloupe = rows.find((r) => cellOf(r, 'code_postal').startsWith('971') && cellOf(r, 'code_postal') !== '97133' && cellOf(r, 'code_postal') !== '97150')!;
    const national = cellOf(guadeloupe, 'telephone').replace(/\s/g, '');
    const [phone] = await t.database.db.select().from(contactPoints).where(eq(contactPoints.value, `+590${national.slice(1)}`));
    expect(phone).toMatchObject({ kind: 'phone', territory: 'FR-GP', sourceKind: 'creditor_file', sourceRef: importId, sourceLabel: 'portfolio-sample.csv', sourceCreditorId: creditorId });
    const [debtor] = await t.database.db.select().from(debtors).where(eq(debtors.id, phone!.debtorId));
    const provenance = debtor!.fieldSources as { fields: Record<string, string>; sources: Record<string, { importId: string; fileName: string; creditorId: string; at: string }> };
    expect(Object.keys(provenance.fields).sort()).toEqual(['birthDate', 'birthPlace', 'civility', 'firstName', 'lastName']);
    expect(provenance.sources[provenance.fields.lastName!]).toMatchObject({ importId, fileName: 'portfolio-sample.csv', creditorId, kind: 'creditor_file' });
  });

  it('re-importing updates cases, records each change with old and new values, never duplicates', async () => {
    const first = rows[0]!;
    const changed = withCells(first, { principal: '"1 300,00"', total: '', telephone_2: '07 56 12 34 99', nom_de_naissance: 'Moreau' });
    const file = files.write('reimport.csv', [header, changed, ...rows.slice(1)].join('\n'));
    const again = await importFile(t.database, creditorId, file);
    expect(again.import.counts).toMatchObject({ created: 0, updated: 1, unchanged: rows.length - 1, refused: 0 });
    const [row] = await t.database.db.select().from(cases).where(and(eq(cases.creditorId, creditorId), eq(cases.creditorReference, cellOf(first, 'reference_creancier'))));
    expect(row!.principalCents).toBe(130_000);
    // The history: created by the first file (its line and file named), then this file's changes.
    const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, row!.id));
    expect(events.map((e) => e.type).sort()).toEqual(['case.created', 'case.updated']);
    expect(events.find((e) => e.type === 'case.created')!.data).toMatchObject({ source: 'creditor_file', importId, line: 2, fileName: 'portfolio-sample.csv' });
    const changes = (events.find((e) => e.type === 'case.updated')!.data as { changes: { field: string; old: unknown; new: unknown }[] }).changes;
    expect(changes).toEqual(expect.arrayContaining([
      { field: 'principalCents', old: 123_456, new: 130_000 },
      { field: 'contact.phone', old: null, new: '+33756123499' },
      { field: 'debtor.birthName', old: null, new: 'Moreau' },
    ]));
    // The field this file changed now names this file as its source; the others keep theirs.
    const [debtor] = await t.database.db.select().from(debtors).where(eq(debtors.id, row!.debtorId));
    const provenance = debtor!.fieldSources as { fields: Record<string, string>; sources: Record<string, { fileName: string }> };
    expect(provenance.fields.birthName).toBe(again.import.id);
    expect(provenance.fields.lastName).toBe(importId);
    expect(provenance.sources[again.import.id]).toMatchObject({ fileName: 'reimport.csv' });
    expect(await t.database.db.select().from(cases).where(eq(cases.creditorId, creditorId))).toHaveLength(rows.length);
    // The same file with the same key again: the import already finished, nothing is done.
    const replay = await importFile(t.database, creditorId, file);
    expect(replay.alreadyFinished).toBe(true);
    expect(replay.import.id).toBe(again.import.id);
    expect(await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, row!.id))).toHaveLength(2);
  });

  it('refuses the same key with different content', async () => {
    const file = files.write('other.csv', [header, rows[1]].join('\n'));
    await expect(importFile(t.database, creditorId, file, { key: 'fixed-key' })).resolves.toMatchObject({ import: { status: 'completed' } });
    const different = files.write('other2.csv', [header, rows[2]].join('\n'));
    await expect(importFile(t.database, creditorId, different, { key: 'fixed-key' })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('one person across creditors; homonyms flagged, not merged', () => {
  it('matches the same names and birth date to one debtor, flags the same names with another birth date', async () => {
    const a = await insertCreditor(t.database, 'Creditor A');
    const b = await insertCreditor(t.database, 'Creditor B');
    const person = withCells(rows[1]!, { reference_creancier: 'A-1', prenom: 'Bérénice', nom: 'Okonkwo-Lambert', date_de_naissance: '1970-01-02', courriel: 'b.ol@example.org' });
    await importFile(t.database, a, files.write('a.csv', [header, person].join('\n')));
    // Creditor B writes the name differently (case, accents, punctuation): still the same person.
    const samePerson = withCells(person, { reference_creancier: 'B-1', prenom: 'BERENICE', nom: 'okonkwo lambert', courriel: 'berenice@example.org' });
    const homonym = withCells(person, { reference_creancier: 'B-2', date_de_naissance: '1990-05-05', adresse: '1 place Bellecour', code_postal: '69002' });
    const outcome = await importFile(t.database, b, files.write('b.csv', [header, samePerson, homonym].join('\n')));
    expect(outcome.import.counts).toMatchObject({ created: 2, flagged: 1 });
    const found = await t.database.db.select().from(debtors).where(eq(debtors.lastName, 'Okonkwo-Lambert'));
    expect(found).toHaveLength(2);
    expect(found.filter((d) => d.needsReview)).toHaveLength(2);
    const caseA = (await t.database.db.select().from(cases).where(eq(cases.creditorReference, 'A-1')))[0]!;
    const caseB1 = (await t.database.db.select().from(cases).where(eq(cases.creditorReference, 'B-1')))[0]!;
    const caseB2 = (await t.database.db.select().from(cases).where(eq(cases.creditorReference, 'B-2')))[0]!;
    expect(caseB1.debtorId).toBe(caseA.debtorId);
    expect(caseB2.debtorId).not.toBe(caseA.debtorId);
    // The second creditor's e-mail joined the shared debtor, with its own source.
    const emails = await t.database.db.select().from(contactPoints).where(and(eq(contactPoints.debtorId, caseA.debtorId), eq(contactPoints.kind, 'email')));
    expect(emails.map((e) => [e.value, e.sourceCreditorId]).sort()).toEqual([['b.ol@example.org', a], ['berenice@example.org', b]].sort());
    const [review] = await t.database.db.select().from(importReportItems).where(and(eq(importReportItems.importId, outcome.import.id), eq(importReportItems.kind, 'homonym_review')));
    expect(review).toMatchObject({ creditorReference: 'B-2', debtorId: caseB2.debtorId, detail: { homonymOf: [caseA.debtorId] } });
  });
});

describe('a hostile file', () => {
  it('refuses each bad row with its line, column, value and reason, and keeps the good ones', async () => {
    const creditorId = await insertCreditor(t.database, 'Hostile');
    const good = (ref: string) => withCells(rows[0]!, { reference_creancier: ref });
    const lines = [
      header, // 1
      good('H-1'), // 2
      withCells(rows[0]!, { reference_creancier: 'H-2', nom: 'x'.repeat(10_000) }), // 3
      withCells(rows[0]!, { reference_creancier: 'H-3', principal: '-50,00', total: '' }), // 4
      withCells(rows[0]!, { reference_creancier: 'H-4', principal: '0,1', interets: '0,2', total: '0,3' }), // 5: exact, accepted
      withCells(rows[0]!, { reference_creancier: 'H-5', principal: '0,1', interets: '0,2', total: '0,31' }), // 6
      withCells(rows[0]!, { reference_creancier: 'H-6', date_de_naissance: '2027-02-31' }), // 7
      withCells(rows[0]!, { reference_creancier: 'H-7', date_exigibilite: '31/02/2026' }), // 8
      good('H-1'), // 9: duplicate of line 2
      withCells(rows[0]!, { reference_creancier: 'H-8', nom: '"=HYPERLINK(""http://evil.example"",""clic"")"', courriel: 'h8@example.org' }), // 10: data, accepted
      withCells(rows[0]!, { reference_creancier: 'H-9', prenom: 'Jo"hn' }), // 11: stray quote
      withCells(rows[0]!, { reference_creancier: 'H-10', frais_de_recouvrement: '9,80', total: '' }), // 12: L111-8
      withCells(rows[0]!, { reference_creancier: 'H-11', adresse: '"2 rue du Four\nEscalier B"' }), // 13-14: quoted newline, accepted
      withCells(rows[0]!, { reference_creancier: 'H-12', telephone: '0899 12 34 56' }), // 15
      withCells(rows[0]!, { reference_creancier: 'H-13', code_postal: '96000' }), // 16
      good('H-1'), // 17: duplicate again
    ];
    const file = files.write('hostile.csv', `${lines.join('\n')}\n`);
    const outcome = await importFile(t.database, creditorId, file, { batchSize: 4 });
    const report = await new PgIntakeStore(t.database).reportPage(creditorId, outcome.import.id, { limit: 100, offset: 0 });
    const byLine = Object.fromEntries(report.rejects.map((r) => [r.line, r.errors.map((e) => `${e.column}:${e.code}`)]));
    expect(byLine).toEqual({
      3: ['nom:too_long'], 4: ['principal:amount_negative'], 6: ['total:total_mismatch'], 7: ['date_de_naissance:invalid_date'],
      8: ['date_exigibilite:invalid_date'], 9: ['reference_creancier:duplicate_reference'], 11: [':malformed_record'],
      12: ['frais_de_recouvrement:fees_consumer_without_title'], 15: ['telephone:premium_rate_phone'], 16: ['code_postal:unknown_postcode'],
      17: ['reference_creancier:duplicate_reference'],
    });
    const duplicate = report.rejects.find((r) => r.line === 9)!.errors[0]!;
    expect(duplicate.en).toContain('line 2');
    expect(duplicate.fr).toContain('ligne 2');
    expect(report.rejects.find((r) => r.line === 3)!.errors[0]!.value.length).toBeLessThanOrEqual(100);
    expect(outcome.import.counts).toMatchObject({ created: 4, refused: 11 });
    const [formula] = await t.database.db.select().from(debtors).where(sql`${debtors.lastName} like '=HYPERLINK%'`);
    expect(formula!.lastName).toBe('=HYPERLINK("http://evil.example","clic")');

    // The rejects file: same separator and columns, original values, an error column, formulas defused.
    let text = '';
    for await (const part of rejectsFile(outcome.import, new PgIntakeStore(t.database).rejects(creditorId, outcome.import.id))) text += part;
    const out = text.trimEnd().split('\n');
    expect(out[0]).toBe(`${header};error`);
    expect(out).toHaveLength(1 + outcome.import.counts.refused);
    expect(out.find((l) => l.startsWith('H-3;'))).toContain(";'-50,00;");
    expect(text).toContain('L111-8');
  });

  it('refuses a file missing required columns as a whole, listing them, before any row', async () => {
    const creditorId = await insertCreditor(t.database, 'Missing');
    const file = files.write('missing.csv', 'reference;nom;prenom\nM-1;Martin;Jean\n');
    const outcome = await importFile(t.database, creditorId, file);
    expect(outcome.import).toMatchObject({ status: 'failed', failure: { code: 'missing_columns' }, counts: { rowsSeen: 0 } });
    expect(outcome.import.failure!.message.en).toContain('debtor_type, category, principal, due_date, address_line1, postcode, city');
  });

  it('refuses a file that is not UTF-8, saying where, and stores nothing', async () => {
    const creditorId = await insertCreditor(t.database, 'Latin1');
    const utf8 = [header, rows[0]].join('\n');
    const latin1 = Buffer.from(`${utf8}\n${withCells(rows[1]!, { nom: 'Lefèvre' })}\n`, 'latin1');
    const outcome = await importFile(t.database, creditorId, files.write('latin1.csv', latin1));
    expect(outcome.import).toMatchObject({ status: 'failed', failure: { code: 'invalid_encoding', details: { line: 2 } } });
    expect(await t.database.db.select().from(cases).where(eq(cases.creditorId, creditorId))).toHaveLength(0);
  });
});

describe('JSON Lines', () => {
  it('imports French or English field names, amounts as numbers or strings, bad lines refused', async () => {
    const creditorId = await insertCreditor(t.database, 'JSONL');
    const base = {
      creditor_reference: 'J-1', debtor_type: 'consumer', category: 'energy', first_name: 'Louis', last_name: 'Martin', birth_date: '1980-02-03',
      principal: 0.1, interest: '0,2', total: 0.3, due_date: '2026-01-15', address_line1: '1 rue Haute', postcode: '67000', city: 'Strasbourg',
    };
    const french = { reference_creancier: 'J-2', type_debiteur: 'particulier', categorie: 'eau', prenom: 'Anne', nom: 'Roux', montant_principal: '45,10', date_exigibilite: '15/01/2026', adresse: '2 rue Basse', code_postal: '97400', ville: 'Saint-Denis', telephone: '0692 12 34 56' };
    const file = files.write('claims.jsonl', `${JSON.stringify(base)}\n\n${JSON.stringify(french)}\n{"creditor_reference": "J-3",\n`);
    const outcome = await importFile(t.database, creditorId, file);
    expect(outcome.import.counts).toMatchObject({ created: 2, refused: 1 });
    const stored = await t.database.db.select().from(cases).where(eq(cases.creditorId, creditorId));
    expect(stored.map((c) => [c.creditorReference, c.principalCents, c.interestCents]).sort()).toEqual([['J-1', 10, 20], ['J-2', 4510, 0]]);
    const report = await new PgIntakeStore(t.database).reportPage(creditorId, outcome.import.id, { limit: 10, offset: 0 });
    expect(report.rejects).toMatchObject([{ line: 4, errors: [{ code: 'invalid_json' }] }]);
  });
});

describe('after every import above', () => {
  it("keeps each debtor's call points as their contact points give them (new debtors written with theirs, known ones recomputed)", async () => {
    const rows = await queryRows<{ kept: string; derived: string; points: number }>(t.database.db, sql`
      select d.call_points::text as kept, ${callPointsOf(sql`d.id`)}::text as derived,
             (select count(*)::int from contact_points p where p.debtor_id = d.id and p.kind <> 'email') as points
        from debtors d`);
    expect(rows.filter((r) => r.points > 0).length).toBeGreaterThan(10);
    expect(rows.filter((r) => JSON.stringify(JSON.parse(r.kept)) !== JSON.stringify(JSON.parse(r.derived)))).toEqual([]);
  });
});
