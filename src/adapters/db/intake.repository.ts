/**
 * Intake storage: imports, and each batch as one transaction of set-based SQL (COPY into the tables
 * or into a temporary staging table, then one INSERT … SELECT … ON CONFLICT upsert for cases). The
 * batch's last statement advances the import's checkpoint, so a batch is all there or not at all.
 */
import type {
  BatchPlan, ExistingCase, ExistingDebtor, ImportCounts, ImportFailure, ImportRecord, IntakeBatch, IntakeStore, NewImport,
  RejectedRow, ReportItem,
} from '../../application/ports/intake.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import { addressKeyOf, placeKeyOf } from '../../domain/intake/debtor-identity.ts';
import { sql } from 'drizzle-orm';
import type { AuditEntry } from '../../application/ports/repositories.ts';
import { DrizzleAuditLog } from './audit-log.repository.ts';
import { newId } from './ids.ts';
import { queryRows, type Database, type DbExecutor } from './open-database.ts';
import { copyText, textArrayLiteral, withRawTransaction, type RawSession } from './raw-session.ts';
import { callPointsJson, type CallPointSource } from './engine-case.sql.ts';

type Row = Record<string, unknown>;

function auditActorKind(kind: string): AuditEntry['actorKind'] {
  return kind === 'user' || kind === 'creditor_api' ? kind : 'system';
}

const importColumns = `creditor_id, id, idempotency_key, file_name, content_sha256, size_bytes, format, delimiter, header, source_kind,
  actor_kind, actor_id, status, as_of, checkpoint_line, rows_seen, created_count, updated_count, unchanged_count, refused_count,
  prescribed_count, flagged_count, failure, ignored_columns, started_at, updated_at, finished_at`;

const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

function toImport(row: Row): ImportRecord {
  return {
    id: row.id as string, creditorId: row.creditor_id as string, idempotencyKey: row.idempotency_key as string,
    fileName: row.file_name as string, contentSha256: row.content_sha256 as string, sizeBytes: Number(row.size_bytes),
    format: row.format as ImportRecord['format'], delimiter: (row.delimiter as string | null) ?? null,
    header: (row.header as string[] | null) ?? null, sourceKind: row.source_kind as ImportRecord['sourceKind'],
    actorKind: row.actor_kind as string, actorId: (row.actor_id as string | null) ?? null, status: row.status as ImportRecord['status'],
    asOf: String(row.as_of), checkpointLine: Number(row.checkpoint_line),
    counts: {
      rowsSeen: Number(row.rows_seen), created: Number(row.created_count), updated: Number(row.updated_count),
      unchanged: Number(row.unchanged_count), refused: Number(row.refused_count), prescribed: Number(row.prescribed_count),
      flagged: Number(row.flagged_count),
    },
    failure: (row.failure as ImportFailure | null) ?? null, ignoredColumns: (row.ignored_columns as string[] | null) ?? [],
    startedAt: asDate(row.started_at), updatedAt: asDate(row.updated_at), finishedAt: row.finished_at ? asDate(row.finished_at) : null,
  };
}

const caseSnapshotColumns = `id, creditor_reference, debtor_id, status, last_import_id, last_import_line, category, debtor_type,
  basis_contract_ref, basis_date, principal_cents, interest_cents, accessories_cents, collection_fees_cents, due_date,
  first_unpaid_date, last_payment_date, acknowledgement_date, title_date, assignment_date, assignment_notified_on,
  document_refs, limitation_kind, limitation_expires_on`;

function toExistingCase(row: Row): ExistingCase {
  const text = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  return {
    id: row.id as string, creditorReference: row.creditor_reference as string, debtorId: row.debtor_id as string,
    status: row.status as CaseStatus, lastImportId: text('last_import_id'), lastImportLine: row.last_import_line === null ? null : Number(row.last_import_line),
    snapshot: {
      debtorId: row.debtor_id as string, category: row.category as ExistingCase['snapshot']['category'],
      debtorType: row.debtor_type as ExistingCase['snapshot']['debtorType'],
      contractReference: text('basis_contract_ref'), contractDate: text('basis_date'),
      principalCents: Number(row.principal_cents), interestCents: Number(row.interest_cents), accessoriesCents: Number(row.accessories_cents),
      collectionFeesCents: Number(row.collection_fees_cents), dueDate: String(row.due_date), firstUnpaidDate: text('first_unpaid_date'),
      lastPaymentDate: text('last_payment_date'), acknowledgementDate: text('acknowledgement_date'), titleDate: text('title_date'),
      assignmentDate: text('assignment_date'), assignmentNotifiedDate: text('assignment_notified_on'),
      documentRefs: (row.document_refs as string[] | null) ?? null,
      limitationKind: text('limitation_kind') as ExistingCase['snapshot']['limitationKind'],
      limitationExpiresOn: text('limitation_expires_on'), status: row.status as CaseStatus,
    },
  };
}

const identityColumns: Readonly<Record<string, string>> = {
  civility: 'civility', firstName: 'first_name', lastName: 'last_name', birthName: 'birth_name', birthDate: 'birth_date',
  birthPlace: 'birth_place', companyName: 'company_name', companyRegistration: 'company_registration',
};

async function readDebtors(session: RawSession, where: string, keys: readonly string[]): Promise<ExistingDebtor[]> {
  if (keys.length === 0) return [];
  const debtors = await session.query(
    `select id, name_key, match_key, civility, first_name, last_name, birth_name, birth_date::text as birth_date, birth_place,
       company_name, company_registration from debtors where ${where}`, [keys]);
  if (debtors.length === 0) return [];
  const ids = debtors.map((d) => d.id as string);
  const points = await session.query(`select debtor_id, kind, value, postal from contact_points where debtor_id = any($1::uuid[])`, [ids]);
  const byDebtor = new Map<string, Row[]>();
  for (const point of points) {
    const list = byDebtor.get(point.debtor_id as string) ?? [];
    list.push(point);
    byDebtor.set(point.debtor_id as string, list);
  }
  return debtors.map((d) => {
    const own = byDebtor.get(d.id as string) ?? [];
    const identity: Record<string, string | null> = {};
    for (const [field, column] of Object.entries(identityColumns)) identity[field] = (d[column] as string | null) ?? null;
    return {
      id: d.id as string, nameKey: d.name_key as string, matchKey: (d.match_key as string | null) ?? null,
      birthPlaceKey: placeKeyOf(identity.birthPlace ?? null),
      addressKeys: own.filter((p) => p.kind === 'postal' && p.postal).map((p) => {
        const postal = p.postal as { lines?: string[]; postcode?: string; country?: string };
        return addressKeyOf({ line1: postal.lines?.[0] ?? '', postcode: postal.postcode ?? '', country: postal.country ?? 'FR' });
      }),
      contactKeys: own.map((p) => `${String(p.kind)}|${String(p.value)}`),
      identity,
    };
  });
}

export class PgIntakeStore implements IntakeStore {
  /** Imports running in this process (PGlite has one session, so its advisory locks cannot exclude). */
  private readonly running = new Set<string>();

  constructor(private readonly database: Database) {}

  private query<T extends Row>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return withRawTransaction(this.database, (session) => session.query<T>(text, params));
  }

  async creditorExists(creditorId: string): Promise<boolean> {
    return (await this.query('select 1 from creditors where id = $1', [creditorId])).length > 0;
  }

  async findImportByKey(creditorId: string, idempotencyKey: string): Promise<ImportRecord | null> {
    const [row] = await this.query(`select ${importColumns} from imports where creditor_id = $1 and idempotency_key = $2`, [creditorId, idempotencyKey]);
    return row ? toImport(row) : null;
  }

  async findImport(importId: string): Promise<ImportRecord | null> {
    const [row] = await this.query(`select ${importColumns} from imports where id = $1`, [importId]);
    return row ? toImport(row) : null;
  }

  /** Writes and its audit entry in one transaction: an import that started or finished is always in the audit chain. */
  private withAudit<T>(work: (tx: DbExecutor) => Promise<T>, entry: (result: T) => AuditEntry | null): Promise<T> {
    return this.database.db.transaction(async (transaction) => {
      const tx = transaction as unknown as DbExecutor;
      const result = await work(tx);
      const audit = entry(result);
      if (audit) await new DrizzleAuditLog(tx).append(audit);
      return result;
    });
  }

  async createImport(record: NewImport): Promise<ImportRecord> {
    const row = await this.withAudit(async (tx) => (await queryRows(tx, sql`
      insert into imports (creditor_id, id, idempotency_key, file_name, content_sha256, size_bytes, format, source_kind, actor_kind,
        actor_id, status, as_of, started_at, updated_at)
      values (${record.creditorId}, ${record.id}, ${record.idempotencyKey}, ${record.fileName}, ${record.contentSha256}, ${record.sizeBytes},
        ${record.format}, ${record.sourceKind}, ${record.actorKind}, ${record.actorId}, ${record.status}, ${record.asOf},
        ${record.startedAt.toISOString()}, ${record.startedAt.toISOString()})
      on conflict (creditor_id, idempotency_key) do nothing returning ${sql.raw(importColumns)}`))[0], (inserted) => inserted ? {
      at: record.startedAt, actorKind: auditActorKind(record.actorKind), actorId: record.actorId, action: 'import.started', entityType: 'import',
      entityId: record.id, creditorId: record.creditorId,
      data: { fileName: record.fileName, contentSha256: record.contentSha256, sizeBytes: record.sizeBytes, idempotencyKey: record.idempotencyKey },
    } : null);
    if (row) return toImport(row);
    const existing = await this.findImportByKey(record.creditorId, record.idempotencyKey);
    if (!existing) throw new Error('import vanished after a key conflict');
    return existing;
  }

  async acquireRun(importId: string): Promise<{ release(): Promise<void> } | null> {
    if (this.running.has(importId)) return null;
    const driver = this.database.driver;
    if (driver.kind === 'embedded') {
      // One process owns the data directory (amiable.lock): excluding runners in this process is enough.
      this.running.add(importId);
      return { release: async () => void this.running.delete(importId) };
    }
    // A session advisory lock on a dedicated connection: released by PostgreSQL if the process dies.
    const client = await driver.pool.connect();
    const [row] = (await client.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtext('amiable.import'), hashtext($1)) as locked", [importId])).rows;
    if (!row?.locked) {
      client.release();
      return null;
    }
    this.running.add(importId);
    return {
      release: async () => {
        this.running.delete(importId);
        try {
          await client.query("select pg_advisory_unlock(hashtext('amiable.import'), hashtext($1))", [importId]);
        } finally {
          client.release();
        }
      },
    };
  }

  async setHeader(creditorId: string, importId: string, header: { delimiter: string | null; header: readonly string[] | null; ignoredColumns: readonly string[] }): Promise<void> {
    await this.query('update imports set delimiter = $3, header = $4::jsonb, ignored_columns = $5::jsonb where creditor_id = $1 and id = $2', [
      creditorId, importId, header.delimiter, JSON.stringify(header.header), JSON.stringify(header.ignoredColumns),
    ]);
  }

  runBatch<T>(creditorId: string, importId: string, work: (batch: IntakeBatch) => Promise<T>): Promise<T> {
    return withRawTransaction(this.database, async (session) => {
      // Debtor matching reads then writes: concurrent imports take turns per batch, so two files naming
      // one new person cannot both create them.
      await session.query("select pg_advisory_xact_lock(hashtext('amiable.intake.debtors'))");
      return work(new PgIntakeBatch(session, creditorId, importId));
    });
  }

  async finish(creditorId: string, importId: string, status: 'completed' | 'failed', failure: ImportFailure | null, at: Date): Promise<ImportRecord> {
    return this.withAudit(async (tx) => {
      const [row] = await queryRows(tx, sql`
        update imports set status = ${status}, failure = ${failure ? JSON.stringify(failure) : null}::jsonb, finished_at = ${at.toISOString()},
          updated_at = ${at.toISOString()} where creditor_id = ${creditorId} and id = ${importId} returning ${sql.raw(importColumns)}`);
      if (!row) throw new Error(`import ${importId} not found`);
      return toImport(row);
    }, (record) => ({
      at, actorKind: auditActorKind(record.actorKind), actorId: record.actorId, action: `import.${status}`, entityType: 'import',
      entityId: importId, creditorId, data: { counts: record.counts, failure: failure?.code ?? null },
    }));
  }

  async reportPage(creditorId: string, importId: string, options: { limit: number; offset: number }) {
    return withRawTransaction(this.database, async (session) => {
      const rejects = await session.query(
        'select line, creditor_reference, raw, errors from import_rejects where creditor_id = $1 and import_id = $2 order by line limit $3 offset $4',
        [creditorId, importId, options.limit, options.offset]);
      const items = await session.query(
        `select line, kind, creditor_reference, case_id, debtor_id, detail from import_report_items
         where creditor_id = $1 and import_id = $2 order by line, kind limit $3 offset $4`, [creditorId, importId, options.limit, options.offset]);
      const [totals] = await session.query(
        `select (select count(*) from import_rejects where creditor_id = $1 and import_id = $2) as rejects,
                (select count(*) from import_report_items where creditor_id = $1 and import_id = $2) as items`, [creditorId, importId]);
      return {
        rejects: rejects.map(toRejected), items: items.map(toReportItem),
        rejectsTotal: Number(totals?.rejects ?? 0), itemsTotal: Number(totals?.items ?? 0),
      };
    });
  }

  async *rejects(creditorId: string, importId: string): AsyncIterable<readonly RejectedRow[]> {
    const pageSize = 2000;
    let afterLine = 0;
    for (;;) {
      const rows = await this.query(
        'select line, creditor_reference, raw, errors from import_rejects where creditor_id = $1 and import_id = $2 and line > $3 order by line limit $4',
        [creditorId, importId, afterLine, pageSize]);
      if (rows.length === 0) return;
      const page = rows.map(toRejected);
      yield page;
      afterLine = page[page.length - 1]!.line;
      if (rows.length < pageSize) return;
    }
  }
}

function toRejected(row: Row): RejectedRow {
  return { line: Number(row.line), creditorReference: (row.creditor_reference as string | null) ?? null, raw: row.raw as string[] | string, errors: row.errors as RejectedRow['errors'] };
}

function toReportItem(row: Row): ReportItem {
  return {
    line: Number(row.line), kind: row.kind as ReportItem['kind'], creditorReference: row.creditor_reference as string,
    caseId: (row.case_id as string | null) ?? null, debtorId: (row.debtor_id as string | null) ?? null, detail: row.detail as Record<string, unknown>,
  };
}

const stageCaseColumns = [
  'creditor_id', 'id', 'debtor_id', 'creditor_reference', 'category', 'debtor_type', 'basis_contract_ref', 'basis_date', 'currency',
  'principal_cents', 'interest_cents', 'accessories_cents', 'collection_fees_cents', 'due_date', 'first_unpaid_date', 'last_payment_date',
  'acknowledgement_date', 'title_date', 'assignment_date', 'assignment_notified_on', 'document_refs', 'last_import_id', 'last_import_line',
  'status', 'limitation_kind', 'limitation_expires_on', 'opened_at', 'closed_at', 'close_reason',
] as const;

/** Columns a re-import overwrites (status handled apart: see statusAfterReimport). */
const upsertedColumns = stageCaseColumns.filter((c) => !['creditor_id', 'id', 'creditor_reference', 'currency', 'opened_at', 'closed_at', 'close_reason', 'status'].includes(c));

class PgIntakeBatch implements IntakeBatch {
  constructor(private readonly session: RawSession, private readonly creditorId: string, private readonly importId: string) {}

  async lockCheckpoint(): Promise<number> {
    const [row] = await this.session.query('select checkpoint_line, status from imports where creditor_id = $1 and id = $2 for update', [this.creditorId, this.importId]);
    if (!row) throw new Error(`import ${this.importId} not found`);
    return Number(row.checkpoint_line);
  }

  async findCases(references: readonly string[]): Promise<ExistingCase[]> {
    if (references.length === 0) return [];
    const rows = await this.session.query(
      `select ${caseSnapshotColumns.replace(/\b(basis_date|due_date|first_unpaid_date|last_payment_date|acknowledgement_date|title_date|assignment_date|assignment_notified_on|limitation_expires_on)\b/g, '$1::text as $1')}
       from cases where creditor_id = $1 and creditor_reference = any($2::text[])`, [this.creditorId, references]);
    return rows.map(toExistingCase);
  }

  async findRejectedReferences(references: readonly string[]): Promise<{ reference: string; line: number }[]> {
    if (references.length === 0) return [];
    const rows = await this.session.query(
      'select creditor_reference, min(line) as line from import_rejects where creditor_id = $1 and import_id = $2 and creditor_reference = any($3::text[]) group by creditor_reference',
      [this.creditorId, this.importId, references]);
    return rows.map((r) => ({ reference: r.creditor_reference as string, line: Number(r.line) }));
  }

  findDebtors(nameKeys: readonly string[]): Promise<ExistingDebtor[]> {
    return readDebtors(this.session, 'name_key = any($1::text[])', nameKeys);
  }

  findDebtorsById(ids: readonly string[]): Promise<ExistingDebtor[]> {
    return readDebtors(this.session, 'id = any($1::uuid[])', ids);
  }

  async write(plan: BatchPlan): Promise<void> {
    const { session } = this;
    const source = plan.provenance;
    const at = source.at.toISOString();
    // field_sources: { fields: { lastName: <importId>, … }, sources: { <importId>: { kind, importId, fileName, creditorId, at } } }:
    // each field names its source, described once (a debtor row stays small at millions of rows).
    const sourceJson = JSON.stringify({ kind: source.kind, importId: source.importId, fileName: source.fileName, creditorId: source.creditorId, at });
    const sourcesTail = `},"sources":{"${source.importId}":${sourceJson}}}`;
    const fieldsJson = (fields: readonly string[]) => `{${fields.map((f) => `"${f}":"${source.importId}"`).join(',')}}`;
    const sourcesFor = (fields: readonly string[]) => `{"fields":${fieldsJson(fields).slice(0, -1)}${sourcesTail}`;

    // The points' ids now: a new debtor is written with its call points (`callPointsJson`), and the trigger on
    // contact_points told so leaves the debtors of this transaction as written (migration 0019) instead of
    // recomputing each of them.
    const pointIds = plan.contactPoints.map(() => newId());
    const newDebtorPoints = new Map<string, CallPointSource[]>(plan.newDebtors.map((d) => [d.id, []]));
    plan.contactPoints.forEach((p, k) => {
      newDebtorPoints.get(p.debtorId)?.push({ id: pointIds[k]!, kind: p.kind, value: p.value, status: 'unverified', isPrimary: p.isPrimary, validUntil: null, postal: p.postal });
    });
    await session.copyIn('debtors', [
      'id', 'civility', 'first_name', 'last_name', 'birth_name', 'birth_date', 'birth_place', 'company_name', 'company_registration',
      'match_key', 'name_key', 'needs_review', 'field_sources', 'call_points', 'created_at', 'updated_at',
    ], copyText(plan.newDebtors.map((d) => {
      const i = d.identity;
      const given = Object.keys(identityColumns).filter((f) => i[f] !== null && i[f] !== undefined);
      return [d.id, i.civility, i.firstName, i.lastName, i.birthName, i.birthDate, i.birthPlace, i.companyName, i.companyRegistration,
        d.matchKey, d.nameKey, d.needsReview, sourcesFor(given), callPointsJson(newDebtorPoints.get(d.id)!), at, at];
    })));

    if (plan.debtorUpdates.length > 0) {
      const rows = plan.debtorUpdates.map((u) => ({
        id: u.id, set_fields: Object.keys(u.set).map((f) => identityColumns[f]), ...Object.fromEntries(Object.entries(u.set).map(([f, v]) => [identityColumns[f], v])),
        fields: JSON.parse(fieldsJson(Object.keys(u.set))) as unknown, sources: { [source.importId]: JSON.parse(sourceJson) as unknown },
        match_key: u.matchKey, needs_review: u.needsReview,
      }));
      const assign = Object.values(identityColumns).map((c) => `${c} = case when '${c}' = any(v.set_fields) then v.${c} else d.${c} end`).join(', ');
      await session.query(
        `update debtors as d set ${assign},
           field_sources = case when v.fields = '{}'::jsonb then d.field_sources else jsonb_build_object(
             'fields', coalesce(d.field_sources -> 'fields', '{}'::jsonb) || v.fields,
             'sources', coalesce(d.field_sources -> 'sources', '{}'::jsonb) || v.sources) end,
           match_key = coalesce(v.match_key, d.match_key),
           needs_review = d.needs_review or v.needs_review, updated_at = now()
         from jsonb_to_recordset($1::jsonb) as v(id uuid, set_fields text[], civility text, first_name text, last_name text, birth_name text,
           birth_date date, birth_place text, company_name text, company_registration text, fields jsonb, sources jsonb, match_key text, needs_review boolean)
         where d.id = v.id`, [JSON.stringify(rows)]);
    }

    // The points of debtors that existed before this batch first: the trigger recomputes their call points. Then
    // those of the new debtors, written above with theirs, under `amiable.call_points_written` (migration 0019),
    // set for that statement only.
    const pointRow = (k: number) => {
      const p = plan.contactPoints[k]!;
      return [p.debtorId, pointIds[k], p.kind, p.value, p.phoneType, p.postal ? JSON.stringify(p.postal) : null, p.territory, 'unverified', p.isPrimary,
        source.kind, source.importId, source.fileName, at, source.creditorId, at];
    };
    const pointColumns = ['debtor_id', 'id', 'kind', 'value', 'phone_type', 'postal', 'territory', 'status', 'is_primary', 'source_kind', 'source_ref',
      'source_label', 'source_at', 'source_creditor_id', 'valid_from'];
    const ofNewDebtors = plan.contactPoints.map((p) => newDebtorPoints.has(p.debtorId));
    const existingPoints = ofNewDebtors.flatMap((isNew, k) => (isNew ? [] : [pointRow(k)]));
    if (existingPoints.length > 0) await session.copyIn('contact_points', pointColumns, copyText(existingPoints));
    const newPoints = ofNewDebtors.flatMap((isNew, k) => (isNew ? [pointRow(k)] : []));
    if (newPoints.length > 0) {
      await session.query(`select set_config('amiable.call_points_written', 'new debtors', true)`);
      await session.copyIn('contact_points', pointColumns, copyText(newPoints));
      await session.query(`select set_config('amiable.call_points_written', '', true)`);
    }

    const caseRow = (c: BatchPlan['cases'][number]) => {
      const k = c.claim;
      const closed = c.status === 'closed_prescribed';
      return [
        this.creditorId, c.id, c.debtorId, k.creditorReference, k.category, k.debtorType, k.contractReference, k.contractDate, 'EUR',
        k.principalCents, k.interestCents, k.accessoriesCents, k.collectionFeesCents, k.dueDate, k.firstUnpaidDate, k.lastPaymentDate,
        k.acknowledgementDate, k.titleDate, k.assignmentDate, k.assignmentNotifiedDate, textArrayLiteral(k.documentRefs), this.importId, c.line,
        c.status, k.limitation.kind, k.limitation.expiresOn, at, closed ? at : null, closed ? `limitation expired on ${k.limitation.expiresOn} (${k.limitation.basis})` : null,
      ];
    };
    // New references go straight into cases: the unique (creditor_id, creditor_reference) key refuses a
    // duplicate, which rolls the batch back rather than doubling a claim. Known references are upserted
    // from a staging table on that same key.
    await session.copyIn('cases', stageCaseColumns, copyText(plan.cases.filter((c) => c.isNew).map(caseRow)));
    const known = plan.cases.filter((c) => !c.isNew);
    if (known.length > 0) {
      await session.query(`create temp table if not exists intake_stage_cases as select ${stageCaseColumns.join(', ')} from cases with no data`);
      await session.query('truncate intake_stage_cases');
      await session.copyIn('intake_stage_cases', stageCaseColumns, copyText(known.map(caseRow)));
      await session.query(
        `insert into cases (${stageCaseColumns.join(', ')}) select ${stageCaseColumns.join(', ')} from intake_stage_cases
         on conflict (creditor_id, creditor_reference) do update set ${upsertedColumns.map((c) => `${c} = excluded.${c}`).join(', ')},
           status = excluded.status,
           closed_at = case when excluded.status <> cases.status and excluded.status = 'closed_prescribed' then excluded.opened_at else cases.closed_at end,
           close_reason = case when excluded.status <> cases.status and excluded.status = 'closed_prescribed' then excluded.close_reason else cases.close_reason end,
           version = cases.version + 1, updated_at = now()`);
    }

    await session.copyIn('case_events', ['creditor_id', 'id', 'case_id', 'at', 'type', 'actor_kind', 'actor_id', 'data'], copyText(plan.events.map((e) => [
      this.creditorId, newId(), e.caseId, at, e.type, e.actor?.kind ?? 'system', e.actor ? e.actor.id : `import:${this.importId}`, JSON.stringify(e.data),
    ])));
    await session.copyIn('import_rejects', ['creditor_id', 'import_id', 'line', 'creditor_reference', 'raw', 'errors'], copyText(plan.rejects.map((r) => [
      this.creditorId, this.importId, r.line, r.creditorReference, JSON.stringify(r.raw), JSON.stringify(r.errors),
    ])));
    await session.copyIn('import_report_items', ['creditor_id', 'import_id', 'line', 'kind', 'creditor_reference', 'case_id', 'debtor_id', 'detail'],
      copyText(plan.reportItems.map((r) => [this.creditorId, this.importId, r.line, r.kind, r.creditorReference, r.caseId, r.debtorId, JSON.stringify(r.detail)])));
    await this.advance(plan.checkpointLine, plan.counts);
  }

  private async advance(checkpointLine: number, counts: ImportCounts): Promise<void> {
    await this.session.query(
      `update imports set checkpoint_line = $3, rows_seen = $4, created_count = $5, updated_count = $6, unchanged_count = $7,
         refused_count = $8, prescribed_count = $9, flagged_count = $10, updated_at = now() where creditor_id = $1 and id = $2`,
      [this.creditorId, this.importId, checkpointLine, counts.rowsSeen, counts.created, counts.updated, counts.unchanged, counts.refused,
        counts.prescribed, counts.flagged]);
  }
}
