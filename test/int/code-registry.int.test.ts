/**
 * Codes debtors type or quote (SMS/e-mail verification codes, letter references) are unique across
 * every creditor through `code_registry`, a lookup table keyed by the code (distributable, unlike a
 * global unique index). A clash makes the enqueue draw another code; an idempotent replay draws none.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeRegistry, outbox } from '../../src/adapters/db/schema.ts';
import { createPrintBatch } from '../../src/application/messaging/create-print-batch.ts';
import { enqueueMessage } from '../../src/application/messaging/enqueue-message.ts';
import { markBatchPosted } from '../../src/application/messaging/mark-batch-posted.ts';
import type { MessagingDeps } from '../../src/application/messaging/messaging-deps.ts';
import { loadConfig } from '../../src/server/config.ts';
import { buildMessagingDeps } from '../../src/server/messaging.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const system = { kind: 'system', name: 'test' } as const;
let t: TestDatabase;
let base: MessagingDeps;

beforeAll(async () => {
  t = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: t.env.AMIABLE_DATA_DIR ?? '/tmp/amiable-code-registry-test' });
  base = buildMessagingDeps(config, t.database);
});
afterAll(async () => t?.destroy());

/** The real code generator, except that the verification codes come from a script first. */
function scriptedCodes(...scripted: string[]): MessagingDeps {
  const queue = [...scripted];
  const real = base.codes;
  return {
    ...base,
    codes: {
      id: () => real.id(), accessCode: () => real.accessCode(), certificateCode: () => real.certificateCode(),
      verificationCode: () => queue.shift() ?? real.verificationCode(),
    },
  };
}

/** Later messages quote the first letter (R124-4): print and post it, as the notice workflow does. */
async function caseWithNotice() {
  const parties = await insertReachableCase(t.database.db, { case: { status: 'notice_pending' } });
  const printed = await createPrintBatch(base, system);
  await markBatchPosted(base, system, { batchId: printed.batch!.id, postedAt: new Date() });
  return parties;
}

describe('globally unique codes', () => {
  it('draws another verification code when one is already taken, even by another creditor', async () => {
    const first = await caseWithNotice();
    const second = await caseWithNotice();
    expect(first.creditor.id).not.toBe(second.creditor.id);
    const a = await enqueueMessage(scriptedCodes('HHHH-4444'), system, { caseId: first.case.id!, template: 'reminder', channel: 'sms', idempotencyKey: 'a' });
    expect(a.message.verificationCode).toBe('HHHH-4444');
    const b = await enqueueMessage(scriptedCodes('HHHH-4444', 'KKKK-7777'), system, { caseId: second.case.id!, template: 'reminder', channel: 'sms', idempotencyKey: 'b' });
    expect(b.message.verificationCode).toBe('KKKK-7777');
    const [registered] = await t.database.db.select().from(codeRegistry).where(eq(codeRegistry.code, 'KKKK-7777'));
    expect(registered).toMatchObject({ kind: 'verification_code', creditorId: second.creditor.id, caseId: second.case.id, ownerId: b.message.id });
    const [stored] = await t.database.db.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.id, b.message.id));
    expect(JSON.stringify(stored?.payload)).toContain('KKKK-7777');
  });

  it('registers letter references, and draws nothing on an idempotent replay', async () => {
    const parties = await caseWithNotice();
    const letter = await enqueueMessage(base, system, { caseId: parties.case.id!, template: 'reminder', channel: 'letter', idempotencyKey: 'letter-1' });
    const [reference] = await t.database.db.select().from(codeRegistry).where(eq(codeRegistry.ownerId, letter.message.id));
    expect(reference).toMatchObject({ kind: 'letter_reference', code: letter.message.letterReference });
    const before = (await t.database.db.select().from(codeRegistry)).length;
    const replay = await enqueueMessage(base, system, { caseId: parties.case.id!, template: 'reminder', channel: 'letter', idempotencyKey: 'letter-1' });
    expect(replay).toMatchObject({ created: false, message: { id: letter.message.id } });
    expect((await t.database.db.select().from(codeRegistry)).length).toBe(before);
  });
});
