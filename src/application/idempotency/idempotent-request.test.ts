import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { beginIdempotentRequest, finishIdempotentRequest, IDEMPOTENCY_LOCK_MS, IDEMPOTENCY_TTL_MS, purgeIdempotencyKeys, type IdempotencyRecord, type IdempotencyStore } from './idempotent-request.ts';

/** The store's contract in memory (the SQL one is exercised by test/int/creditor-api.int.test.ts). */
class MemoryStore implements IdempotencyStore {
  readonly rows = new Map<string, IdempotencyRecord>();
  async tryInsert(record: IdempotencyRecord) {
    const id = `${record.principal}|${record.key}`;
    if (this.rows.has(id)) return false;
    this.rows.set(id, record);
    return true;
  }
  async find(principal: string, key: string) {
    return this.rows.get(`${principal}|${key}`) ?? null;
  }
  async takeOver(record: IdempotencyRecord, expected: { lockedUntil: Date; status: string }) {
    const current = this.rows.get(`${record.principal}|${record.key}`);
    if (!current || current.lockedUntil.getTime() !== expected.lockedUntil.getTime() || current.status !== expected.status) return false;
    this.rows.set(`${record.principal}|${record.key}`, record);
    return true;
  }
  async complete(principal: string, key: string, response: { status: number; type: string | null; body: string }) {
    const row = this.rows.get(`${principal}|${key}`)!;
    this.rows.set(`${principal}|${key}`, { ...row, status: 'completed', responseStatus: response.status, responseType: response.type, responseBody: response.body });
  }
  async release(principal: string, key: string) {
    this.rows.delete(`${principal}|${key}`);
  }
  async purgeExpired(now: Date) {
    let n = 0;
    for (const [id, row] of this.rows) if (row.expiresAt <= now) { this.rows.delete(id); n++; }
    return n;
  }
}

const t0 = new Date('2027-03-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const request = { principal: 'api_key:1', key: 'k', method: 'POST', path: '/api/v1/cases', fingerprint: 'f1' };
const code = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : 'other'));

describe('Idempotency-Key rules', () => {
  it('proceeds once, then replays the stored answer', async () => {
    const store = new MemoryStore();
    expect(await beginIdempotentRequest(store, request, t0)).toEqual({ kind: 'proceed' });
    await finishIdempotentRequest(store, request, { status: 201, type: 'application/json', body: '{"id":1}' });
    expect(await beginIdempotentRequest(store, request, at(1000))).toEqual({ kind: 'replay', response: { status: 201, type: 'application/json', body: '{"id":1}' } });
  });

  it('refuses another body (422) and a concurrent duplicate (409)', async () => {
    const store = new MemoryStore();
    await beginIdempotentRequest(store, request, t0);
    expect(await code(beginIdempotentRequest(store, request, at(10)))).toBe('idempotency_in_progress');
    expect(await code(beginIdempotentRequest(store, { ...request, fingerprint: 'f2' }, at(10)))).toBe('idempotency_in_progress');
    await finishIdempotentRequest(store, request, { status: 200, type: null, body: '' });
    expect(await code(beginIdempotentRequest(store, { ...request, fingerprint: 'f2' }, at(20)))).toBe('idempotency_key_reused');
  });

  it('lets a retry take over a request abandoned past its lock, and a key be reused after it expires', async () => {
    const store = new MemoryStore();
    await beginIdempotentRequest(store, request, t0);
    expect(await beginIdempotentRequest(store, request, at(IDEMPOTENCY_LOCK_MS + 1))).toEqual({ kind: 'proceed' });
    await finishIdempotentRequest(store, request, { status: 201, type: null, body: 'a' });
    expect(await beginIdempotentRequest(store, { ...request, fingerprint: 'other' }, at(IDEMPOTENCY_TTL_MS + IDEMPOTENCY_LOCK_MS + 2))).toEqual({ kind: 'proceed' });
  });

  it('releases the key after an error answer, so the corrected request runs', async () => {
    const store = new MemoryStore();
    await beginIdempotentRequest(store, request, t0);
    await finishIdempotentRequest(store, request, { status: 400, type: null, body: 'bad' });
    expect(await beginIdempotentRequest(store, { ...request, fingerprint: 'fixed' }, at(5))).toEqual({ kind: 'proceed' });
  });

  it('purges expired keys', async () => {
    const store = new MemoryStore();
    await beginIdempotentRequest(store, request, t0);
    expect(await purgeIdempotencyKeys({ store }, at(IDEMPOTENCY_TTL_MS))).toEqual({ deleted: 1 });
  });
});
