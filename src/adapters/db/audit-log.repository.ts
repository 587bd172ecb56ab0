/**
 * The append-only, hash-chained audit log. Each row stores the previous row's hash and its own
 * SHA-256 over a canonical serialisation of its content, so a modified row breaks its own hash and a
 * deleted row breaks its successor's link. The head row (last hash and row count), updated in the same
 * transaction, makes a deleted tail detectable too. Appends are serialised by locking the head row.
 */
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { AuditEntry, AuditLog } from '../../application/ports/repositories.ts';
import type { DbExecutor } from './open-database.ts';
import { auditHead, auditLog } from './schema.ts';

export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedContent {
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  creditorId: string | null;
  caseId: string | null;
  data: unknown;
  prevHash: string;
}

export function auditRowHash(row: HashedContent): string {
  return createHash('sha256')
    .update(canonicalJson({
      at: row.at.toISOString(), actorKind: row.actorKind, actorId: row.actorId, action: row.action,
      entityType: row.entityType, entityId: row.entityId, creditorId: row.creditorId, caseId: row.caseId,
      data: row.data, prevHash: row.prevHash,
    }))
    .digest('hex');
}

export class DrizzleAuditLog implements AuditLog {
  constructor(private readonly db: DbExecutor) {}

  async append(entry: AuditEntry): Promise<void> {
    const [head] = await this.db.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
    if (!head) throw new Error('audit_head is missing: migrations not applied');
    const content: HashedContent = {
      at: entry.at, actorKind: entry.actorKind, actorId: entry.actorId, action: entry.action, entityType: entry.entityType,
      entityId: entry.entityId, creditorId: entry.creditorId ?? null, caseId: entry.caseId ?? null,
      // Round-trip through JSON so the hash covers exactly what jsonb will give back.
      data: JSON.parse(JSON.stringify(entry.data ?? {})) as unknown, prevHash: head.lastHash,
    };
    const hash = auditRowHash(content);
    const [inserted] = await this.db.insert(auditLog).values({ ...content, data: content.data as object, hash }).returning({ seq: auditLog.seq });
    await this.db.update(auditHead)
      .set({ lastSeq: inserted!.seq, lastHash: hash, rowCount: sql`${auditHead.rowCount} + 1` })
      .where(eq(auditHead.id, 1));
  }
}

export type AuditVerification =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rows: number; readonly brokenAtSeq: number | null; readonly reason: string };

/** Walks the chain in order, in bounded memory; names the first row that does not verify. */
export async function verifyAuditChain(db: DbExecutor, batchSize = 5000): Promise<AuditVerification> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) return { ok: false, rows: 0, brokenAtSeq: null, reason: 'audit head row is missing' };
  let prevHash = genesisHash;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(sql`${auditLog.seq} > ${lastSeq}`).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, brokenAtSeq: row.seq, reason: 'link to the previous row is broken (a row before it was deleted or altered)' };
      }
      if (auditRowHash({ ...row, data: row.data }) !== row.hash) {
        return { ok: false, rows, brokenAtSeq: row.seq, reason: 'row content does not match its hash (the row was modified)' };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
    }
    if (batch.length < batchSize) break;
  }
  if (rows !== head.rowCount || prevHash !== head.lastHash || lastSeq !== head.lastSeq) {
    return { ok: false, rows, brokenAtSeq: head.lastSeq, reason: `the chain ends at row ${lastSeq} but the head records row ${head.lastSeq} (${head.rowCount} rows): rows were deleted at the end` };
  }
  return { ok: true, rows };
}
