/**
 * Import a creditor's portfolio (issue #4): records in, collectable cases out, every refusal explained.
 *
 * Exactly once (docs/import-format.md, "Exactly once"): an import is keyed by (creditor, idempotency
 * key) and bound to its content's SHA-256. Records are processed in file order in batches; each batch
 * is one transaction that writes its cases, debtors, contact points, events, refusals and report items
 * *and* advances the import's checkpoint (the last physical line committed). A rerun with the same key
 * and content skips every record up to the checkpoint, so a process killed at any point resumes
 * without losing or repeating a row; the upsert on (creditor_id, creditor_reference) is a second guard.
 */
import { caseChanges, statusAfterReimport, type CaseSnapshot, type FieldChange } from '../../domain/intake/case-changes.ts';
import { mapHeader, resolveColumn } from '../../domain/intake/columns.ts';
import { matchDebtor, normaliseText, type DebtorCandidate } from '../../domain/intake/debtor-identity.ts';
import { reason, type Reason } from '../../domain/intake/reasons.ts';
import { quoteValue, validateRow, type ClaimRow, type FieldError, type RowValues } from '../../domain/intake/validate-row.ts';
import { toZonedDateTime, zonedCivilDate, type CivilDate } from '../../domain/time/index.ts';
import type { Actor } from '../actor.ts';
import { actorId } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import {
  zeroCounts, type BatchPlan, type CaseEventWrite, type ExistingCase, type CaseWrite, type DebtorUpdate, type ExistingDebtor, type ImportCounts,
  type ImportFailure, type ImportRecord, type ImportSource, type IntakeBatch, type IntakeStore, type NewContactPoint, type NewDebtor,
  type RejectedRow, type ReportItem, type RowError, type SourceRecord,
} from '../ports/intake.ts';

/** Rows per transaction: large enough for set-based SQL to pay off, small enough to bound memory. */
export const DEFAULT_BATCH_SIZE = 5000;
/** Dates at intake are French civil dates ("today" in Paris), whatever the server's TZ. */
export const INTAKE_TIME_ZONE = 'Europe/Paris';

export interface ImportProgress {
  readonly rowsSeen: number;
  readonly bytesRead: number;
  readonly counts: ImportCounts;
}

export interface ImportPortfolioInput {
  readonly creditorId: string;
  readonly idempotencyKey: string;
  readonly fileName: string;
  readonly contentSha256: string;
  readonly sizeBytes: number;
  readonly sourceKind: 'creditor_file' | 'creditor_api';
  readonly actor: Actor;
  /** Opens the file; not called when the import is already finished. */
  readonly openSource: () => Promise<ImportSource>;
  readonly format: 'csv' | 'jsonl';
  /** Set when the bytes are not UTF-8: the file is refused before any row is read. */
  readonly encodingError?: { readonly line: number; readonly column: number; readonly byte: number } | null;
  readonly batchSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportPortfolioDeps {
  readonly store: IntakeStore;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Validates batches elsewhere (a worker thread), so validation overlaps the database; in-line when absent. */
  readonly checker?: RowChecker;
}

/** The outcome of checking one record (its source record stays with the caller). */
export interface CheckResult {
  readonly reference: string | null;
  readonly errors: FieldError[];
  readonly claim: ClaimRow | null;
}

/** Runs `checkRecord` on batches; the results come back in the records' order. */
export interface RowChecker {
  check(records: readonly SourceRecord[], keys: readonly (string | null)[], asOf: CivilDate): Promise<CheckResult[]>;
}

export interface ImportOutcome {
  readonly import: ImportRecord;
  /** True when this call found the import already finished and did nothing. */
  readonly alreadyFinished: boolean;
  readonly resumedFromLine: number;
}

export function actorOf(actor: Actor): { kind: string; id: string } {
  return { kind: actor.kind === 'api_key' ? 'creditor_api' : actor.kind, id: actorId(actor) };
}

/**
 * Finds or creates the import for (creditor, key) without running it: same key and same content →
 * the same import; same key and other content → `conflict`. Returns whether it already finished.
 */
export async function openImport(deps: ImportPortfolioDeps, input: Omit<ImportPortfolioInput, 'openSource' | 'onProgress' | 'batchSize' | 'encodingError'>): Promise<{ import: ImportRecord; finished: boolean }> {
  const { store } = deps;
  if (!(await store.creditorExists(input.creditorId))) throw new AppError('not_found', 'Creditor not found');
  const conflict = (id: string) => new AppError('conflict', `Idempotency key "${input.idempotencyKey}" was already used for different content (import ${id})`);
  let record = await store.findImportByKey(input.creditorId, input.idempotencyKey);
  if (!record) {
    const now = deps.clock.now();
    const actor = actorOf(input.actor);
    record = await store.createImport({
      id: deps.newId(), creditorId: input.creditorId, idempotencyKey: input.idempotencyKey, fileName: input.fileName,
      contentSha256: input.contentSha256, sizeBytes: input.sizeBytes, format: input.format, delimiter: null, header: null,
      sourceKind: input.sourceKind, actorKind: actor.kind, actorId: actor.id, status: 'running',
      asOf: zonedCivilDate(toZonedDateTime(now.getTime(), INTAKE_TIME_ZONE)), startedAt: now,
    });
  }
  if (record.contentSha256 !== input.contentSha256) throw conflict(record.id);
  return { import: record, finished: record.status !== 'running' };
}

export async function importPortfolio(deps: ImportPortfolioDeps, input: ImportPortfolioInput): Promise<ImportOutcome> {
  const { store } = deps;
  const opened = await openImport(deps, input);
  const record = opened.import;
  if (opened.finished) return { import: record, alreadyFinished: true, resumedFromLine: record.checkpointLine };
  const run = await store.acquireRun(record.id);
  if (!run) throw new AppError('conflict', `Import ${record.id} is already running`);
  try {
    // Reread under the run lock: another runner may have advanced or finished it meanwhile.
    const current = (await store.findImport(record.id)) ?? record;
    if (current.status !== 'running') return { import: current, alreadyFinished: true, resumedFromLine: current.checkpointLine };
    return await runImport(deps, input, current);
  } finally {
    await run.release();
  }
}

async function runImport(deps: ImportPortfolioDeps, input: ImportPortfolioInput, record: ImportRecord): Promise<ImportOutcome> {
  const { store } = deps;
  const fail = async (failure: ImportFailure) => ({
    import: await store.finish(record.creditorId, record.id, 'failed', failure, deps.clock.now()),
    alreadyFinished: false, resumedFromLine: record.checkpointLine,
  });
  if (input.encodingError) {
    const { line, column, byte } = input.encodingError;
    return fail(failureOf(reason('invalid_encoding', { line, column, byte: byte.toString(16).toUpperCase().padStart(2, '0') }), { line, column }));
  }
  const source = await input.openSource();
  let keys: readonly (string | null)[] = [];
  if (source.format === 'csv') {
    if (!source.header) return fail(failureOf(reason('empty_file')));
    const mapping = mapHeader(source.header);
    if (mapping.missing.length > 0) return fail(failureOf(reason('missing_columns', { columns: mapping.missing.join(', ') }), { missing: mapping.missing }));
    if (mapping.duplicated.length > 0) return fail(failureOf(reason('duplicated_columns', { columns: mapping.duplicated.join(', ') }), { duplicated: mapping.duplicated }));
    keys = mapping.keys;
    await store.setHeader(record.creditorId, record.id, { delimiter: source.delimiter, header: source.header, ignoredColumns: mapping.ignored });
  } else {
    await store.setHeader(record.creditorId, record.id, { delimiter: null, header: null, ignoredColumns: [] });
  }

  const columnLabels = new Map<string, string>();
  source.header?.forEach((cell, index) => {
    const key = keys[index];
    if (key) columnLabels.set(key, cell);
  });
  const context: BatchContext = {
    deps, record, keys, columnLabels, asOf: record.asOf as CivilDate,
    checkpoint: record.checkpointLine, counts: record.counts,
  };
  const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
  let pending: SourceRecord[] = [];
  // Batches commit one after the other (the checkpoint only moves forward), but the next batch is
  // validated while the previous one is being written: the database works while JavaScript checks rows.
  let committing: Promise<void> | null = null;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const checked = await checkRecords(batch, context);
    if (committing) await committing;
    const commit = commitBatch(context, batch, checked).then(() => {
      input.onProgress?.({ rowsSeen: context.counts.rowsSeen, bytesRead: source.bytesRead(), counts: context.counts });
    });
    // Awaited before the next commit or at the end; never left unobserved meanwhile.
    commit.catch(() => {});
    committing = commit;
  };
  for await (const chunk of source.records()) {
    for (const sourceRecord of chunk) {
      // Already committed by an earlier run of this import.
      if (sourceRecord.line <= record.checkpointLine) continue;
      pending.push(sourceRecord);
      if (pending.length >= batchSize) await flush();
    }
  }
  await flush();
  if (committing) await committing;
  return { import: await store.finish(record.creditorId, record.id, 'completed', null, deps.clock.now()), alreadyFinished: false, resumedFromLine: record.checkpointLine };
}

function failureOf(why: Reason, details?: Record<string, unknown>): ImportFailure {
  return { code: why.code, message: { en: why.en, fr: why.fr }, ...(details ? { details } : {}) };
}

interface BatchContext {
  readonly deps: ImportPortfolioDeps;
  readonly record: ImportRecord;
  readonly keys: readonly (string | null)[];
  readonly columnLabels: ReadonlyMap<string, string>;
  readonly asOf: CivilDate;
  checkpoint: number;
  counts: ImportCounts;
}

/** A record's cells by canonical column key (CSV by header position, JSON Lines by field name). */
export function valuesOf(sourceRecord: SourceRecord, keys: readonly (string | null)[]): RowValues {
  const values: Record<string, string> = {};
  if (sourceRecord.cells) {
    const cells = sourceRecord.cells;
    for (let i = 0; i < keys.length && i < cells.length; i++) {
      const key = keys[i];
      if (key) values[key] = cells[i]!;
    }
  } else if (sourceRecord.fields) {
    for (const [name, value] of Object.entries(sourceRecord.fields)) {
      const resolved = resolveColumn(name);
      if (resolved) values[resolved.key] = value;
    }
  }
  return values;
}

interface Checked {
  readonly source: SourceRecord;
  readonly reference: string | null;
  errors: FieldError[];
  readonly claim: ClaimRow | null;
}

export function checkRecord(sourceRecord: SourceRecord, keys: readonly (string | null)[], asOf: CivilDate): Checked {
  if (sourceRecord.malformed !== undefined) {
    const code = sourceRecord.cells ? 'malformed_record' : 'invalid_json';
    return { source: sourceRecord, reference: null, claim: null, errors: [{ column: '', value: '', reason: reason(code, { detail: sourceRecord.malformed }) }] };
  }
  const values = valuesOf(sourceRecord, keys);
  const result = validateRow(values, asOf);
  const referenceText = values.creditor_reference?.trim() ?? '';
  const reference = referenceText !== '' && referenceText.length <= 64 ? referenceText : null;
  return result.ok
    ? { source: sourceRecord, reference, errors: [], claim: result.claim }
    : { source: sourceRecord, reference, errors: [...result.errors], claim: null };
}

/** Validates a batch in slices, yielding between them so a batch being committed meanwhile progresses. */
async function checkRecords(records: readonly SourceRecord[], context: BatchContext): Promise<Checked[]> {
  if (context.deps.checker) {
    const results = await context.deps.checker.check(records, context.keys, context.asOf);
    return results.map((result, i) => ({ source: records[i]!, reference: result.reference, errors: result.errors, claim: result.claim }));
  }
  const checked: Checked[] = [];
  for (let i = 0; i < records.length; i++) {
    checked.push(checkRecord(records[i]!, context.keys, context.asOf));
    if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return checked;
}

async function commitBatch(context: BatchContext, records: readonly SourceRecord[], checked: readonly Checked[]): Promise<void> {
  const { deps, record } = context;
  const checkpointLine = records.reduce((max, r) => Math.max(max, r.endLine), context.checkpoint);

  const plan = await deps.store.runBatch(record.creditorId, record.id, async (batch) => {
    const committed = await batch.lockCheckpoint();
    if (committed !== context.checkpoint) throw new AppError('conflict', `Import ${record.id} advanced elsewhere (checkpoint ${committed})`);
    const references = [...new Set(checked.map((c) => c.reference).filter((r): r is string => r !== null))];
    const existingCases = await batch.findCases(references);
    const existingByReference = new Map(existingCases.map((c) => [c.creditorReference, c]));
    await markDuplicates(context, batch, checked, existingByReference);
    const built = await buildPlan(context, batch, checked, existingByReference, checkpointLine);
    await batch.write(built);
    return built;
  });
  context.checkpoint = checkpointLine;
  context.counts = plan.counts;
}

/** A creditor reference seen earlier in this file (this batch, a committed batch, or a refused row) refuses the later row. */
async function markDuplicates(
  context: BatchContext, batch: IntakeBatch, checked: readonly Checked[], existing: ReadonlyMap<string, { lastImportId: string | null; lastImportLine: number | null }>,
): Promise<void> {
  const earlier = new Map<string, number>();
  for (const [reference, found] of existing) {
    if (found.lastImportId === context.record.id && found.lastImportLine !== null) earlier.set(reference, found.lastImportLine);
  }
  if (context.counts.refused > 0) {
    const references = [...new Set(checked.map((c) => c.reference).filter((r): r is string => r !== null))];
    for (const { reference, line } of await batch.findRejectedReferences(references)) {
      const known = earlier.get(reference);
      if (known === undefined || line < known) earlier.set(reference, line);
    }
  }
  for (const entry of checked) {
    if (entry.reference === null) continue;
    const first = earlier.get(entry.reference);
    if (first !== undefined && first < entry.source.line) {
      entry.errors.push({ column: 'creditor_reference', value: quoteValue(entry.reference), reason: reason('duplicate_reference', { line: first }) });
    } else if (first === undefined) {
      earlier.set(entry.reference, entry.source.line);
    }
  }
}

const identityFields = ['civility', 'firstName', 'lastName', 'birthName', 'birthDate', 'birthPlace', 'companyName', 'companyRegistration'] as const;

interface WorkingDebtor {
  readonly candidate: DebtorCandidate;
  readonly identity: Record<string, string | null>;
  readonly contactKeys: Set<string>;
  readonly isNew: boolean;
}

async function buildPlan(
  context: BatchContext, batch: IntakeBatch, checked: readonly Checked[],
  existingByReference: ReadonlyMap<string, ExistingCase>, checkpointLine: number,
): Promise<BatchPlan> {
  const { deps, record } = context;
  const accepted = checked.filter((c) => c.errors.length === 0 && c.claim !== null);
  const rejects: RejectedRow[] = checked.filter((c) => c.errors.length > 0).map((c) => ({
    line: c.source.line, creditorReference: c.reference, raw: c.source.raw,
    errors: c.errors.map((e): RowError => ({ column: context.columnLabels.get(e.column) ?? e.column, value: e.value, code: e.reason.code, en: e.reason.en, fr: e.reason.fr })),
  }));

  // Debtor pool: existing debtors with the same names, plus each case's current debtor, plus the ones
  // created earlier in this batch (so two rows of one new person make one debtor).
  const nameKeys = [...new Set(accepted.map((c) => c.claim!.nameKey))];
  const found = await batch.findDebtors(nameKeys);
  // A set, not found.some(): on a re-import both lists hold a whole batch (5 000 × 5 000 comparisons).
  const foundIds = new Set(found.map((d) => d.id));
  const missingCurrent = [...new Set(accepted.map((c) => existingByReference.get(c.claim!.creditorReference)?.debtorId)
    .filter((id): id is string => id !== undefined && !foundIds.has(id)))];
  const pool = new Map<string, WorkingDebtor>();
  const byNameKey = new Map<string, DebtorCandidate[]>();
  const addToPool = (debtor: WorkingDebtor) => {
    pool.set(debtor.candidate.id, debtor);
    const list = byNameKey.get(debtor.candidate.nameKey);
    if (list) list.push(debtor.candidate);
    else byNameKey.set(debtor.candidate.nameKey, [debtor.candidate]);
  };
  const addExisting = (debtor: ExistingDebtor) => addToPool({
    candidate: { id: debtor.id, nameKey: debtor.nameKey, matchKey: debtor.matchKey, birthPlaceKey: debtor.birthPlaceKey, addressKeys: [...debtor.addressKeys] },
    identity: { ...debtor.identity }, contactKeys: new Set(debtor.contactKeys), isNew: false,
  });
  for (const debtor of found) addExisting(debtor);
  if (missingCurrent.length > 0) for (const debtor of await batch.findDebtorsById(missingCurrent)) addExisting(debtor);

  const newDebtors = new Map<string, NewDebtor>();
  const updates = new Map<string, { set: Record<string, string | null>; needsReview: boolean }>();
  const contactPoints: NewContactPoint[] = [];
  const cases: CaseWrite[] = [];
  const events: CaseEventWrite[] = [];
  const reportItems: ReportItem[] = [];
  let { created, updated, unchanged, prescribed, flagged } = context.counts;

  for (const entry of accepted) {
    const claim = entry.claim!;
    const line = entry.source.line;
    const existingCase = existingByReference.get(claim.creditorReference);
    const sameNames = byNameKey.get(claim.nameKey) ?? [];
    const decision = matchDebtor({ nameKey: claim.nameKey, matchKey: claim.matchKey, birthPlaceKey: claim.birthPlaceKey, addressKeys: claim.addresses.map((a) => a.key) }, sameNames);
    let debtorId: string;
    let rowFlagged = claim.flags.length > 0;
    if (decision.kind === 'existing') {
      debtorId = decision.debtorId;
    } else if (existingCase && pool.get(existingCase.debtorId)?.candidate.nameKey === claim.nameKey) {
      // The same case's debtor with corrected details (e.g. a birth date fixed): update, do not split.
      debtorId = existingCase.debtorId;
    } else {
      debtorId = deps.newId();
      const needsReview = decision.homonymOf.length > 0;
      const identity: Record<string, string | null> = { ...claim.debtor };
      newDebtors.set(debtorId, { id: debtorId, identity, nameKey: claim.nameKey, matchKey: claim.matchKey, needsReview });
      addToPool({
        candidate: { id: debtorId, nameKey: claim.nameKey, matchKey: claim.matchKey, birthPlaceKey: claim.birthPlaceKey, addressKeys: [] },
        identity, contactKeys: new Set(), isNew: true,
      });
      if (needsReview) {
        rowFlagged = true;
        reportItems.push({ line, kind: 'homonym_review', creditorReference: claim.creditorReference, caseId: null, debtorId, detail: { homonymOf: decision.homonymOf } });
        for (const other of decision.homonymOf) {
          if (newDebtors.has(other)) continue;
          const pendingUpdate = updates.get(other) ?? { set: {}, needsReview: false };
          updates.set(other, { ...pendingUpdate, needsReview: true });
        }
      }
    }
    const debtor = pool.get(debtorId)!;

    // Identity fields the row gives and the debtor does not have (or has differently): the later file wins.
    const changes: FieldChange[] = [];
    if (!debtor.isNew) {
      for (const field of identityFields) {
        const value = claim.debtor[field];
        if (value === null || sameIdentityValue(value, debtor.identity[field] ?? null)) continue;
        const pendingUpdate = updates.get(debtorId) ?? { set: {}, needsReview: false };
        pendingUpdate.set[field] = value;
        updates.set(debtorId, pendingUpdate);
        changes.push({ field: `debtor.${field}`, old: debtor.identity[field] ?? null, new: value });
        debtor.identity[field] = value;
      }
      if (claim.matchKey !== null && debtor.candidate.matchKey !== claim.matchKey && updates.has(debtorId)) {
        (debtor.candidate as { matchKey: string | null }).matchKey = claim.matchKey;
      }
    }

    // Contact points the debtor does not have yet.
    const addContact = (point: NewContactPoint) => {
      const key = `${point.kind}|${point.value}`;
      if (debtor.contactKeys.has(key)) return;
      debtor.contactKeys.add(key);
      kindsHeld.add(point.kind);
      contactPoints.push(point);
      if (!debtor.isNew || existingCase) changes.push({ field: `contact.${point.kind}`, old: null, new: point.value });
    };
    const kindsHeld = new Set([...debtor.contactKeys].map((k) => k.slice(0, k.indexOf('|'))));
    const firstOfKind = (kind: string) => !kindsHeld.has(kind);
    for (const address of claim.addresses) {
      const value = [address.line1, address.line2, `${address.postcode} ${address.city}`, address.country === 'FR' ? null : address.country].filter(Boolean).join(', ');
      addContact({
        debtorId, kind: 'postal', value, phoneType: null, territory: address.territory, isPrimary: debtor.isNew && firstOfKind('postal'),
        postal: { lines: [address.line1, ...(address.line2 ? [address.line2] : [])], postcode: address.postcode, city: address.city, country: address.country },
      });
      if (!debtor.candidate.addressKeys.includes(address.key)) (debtor.candidate.addressKeys as string[]).push(address.key);
    }
    for (const phone of claim.phones) {
      addContact({ debtorId, kind: 'phone', value: phone.e164, phoneType: phone.type, territory: phone.territory, postal: null, isPrimary: debtor.isNew && firstOfKind('phone') });
    }
    for (const email of claim.emails) {
      addContact({ debtorId, kind: 'email', value: email.value, phoneType: null, territory: null, postal: null, isPrimary: debtor.isNew && firstOfKind('email') });
    }

    const caseId = existingCase?.id ?? deps.newId();
    const status = existingCase ? statusAfterReimport(existingCase.status, claim.limitation.status === 'expired') : claim.status;
    cases.push({ id: caseId, line, debtorId, claim, status, isNew: !existingCase });
    const becamePrescribed = status === 'closed_prescribed' && existingCase?.status !== 'closed_prescribed';
    if (becamePrescribed) {
      prescribed += 1;
      reportItems.push({
        line, kind: 'closed_prescribed', creditorReference: claim.creditorReference, caseId, debtorId,
        detail: { kind: claim.limitation.kind, expiresOn: claim.limitation.expiresOn, basis: claim.limitation.basis, explanation: claim.limitation.explanation },
      });
    }
    for (const flag of claim.flags) {
      reportItems.push({ line, kind: flag.kind, creditorReference: claim.creditorReference, caseId, debtorId, detail: { expiresOn: flag.expiresOn, daysLeft: flag.daysLeft, basis: claim.limitation.basis } });
    }
    if (rowFlagged) flagged += 1;
    if (!existingCase) {
      created += 1;
      // A new case's history starts here, in the same batch as the case (so a crash or a resume never
      // leaves a case without it, nor doubles it), and creditors subscribed to case.created are told.
      // A case created through POST /api/v1/cases names the API caller, not the import.
      events.push(record.sourceKind === 'creditor_file'
        ? { caseId, type: 'case.created', data: { source: 'creditor_file', importId: record.id, line, fileName: record.fileName, creditorReference: claim.creditorReference, status } }
        : { caseId, type: 'case.created', actor: { kind: record.actorKind, id: record.actorId }, data: { source: 'creditor_api', importId: record.id, creditorReference: claim.creditorReference, status } });
      continue;
    }
    const after: CaseSnapshot = snapshotOf(claim, debtorId, status);
    changes.unshift(...caseChanges(existingCase.snapshot, after));
    if (changes.length === 0) {
      unchanged += 1;
    } else {
      updated += 1;
      events.push({ caseId, type: 'case.updated', data: { importId: record.id, line, fileName: record.fileName, changes } });
    }
  }

  const debtorUpdates: DebtorUpdate[] = [...updates].filter(([id]) => !newDebtors.has(id)).map(([id, update]) => ({
    id, set: update.set, matchKey: pool.get(id)?.candidate.matchKey ?? null, needsReview: update.needsReview,
  }));
  const counts: ImportCounts = {
    rowsSeen: context.counts.rowsSeen + checked.length,
    created, updated, unchanged, prescribed, flagged,
    refused: context.counts.refused + rejects.length,
  };
  return {
    provenance: { kind: record.sourceKind, importId: record.id, fileName: record.fileName, creditorId: record.creditorId, at: record.startedAt },
    newDebtors: [...newDebtors.values()], debtorUpdates, contactPoints, cases, events, rejects, reportItems, checkpointLine, counts,
  };
}

/** "MARTIN" and "Martin" are the same name: a file only changes a field when it says something else. */
function sameIdentityValue(a: string, b: string | null): boolean {
  return b !== null && (a === b || normaliseText(a) === normaliseText(b));
}

export function snapshotOf(claim: ClaimRow, debtorId: string, status: CaseSnapshot['status']): CaseSnapshot {
  return {
    debtorId, category: claim.category, debtorType: claim.debtorType, contractReference: claim.contractReference, contractDate: claim.contractDate,
    principalCents: claim.principalCents, interestCents: claim.interestCents, accessoriesCents: claim.accessoriesCents,
    collectionFeesCents: claim.collectionFeesCents, dueDate: claim.dueDate, firstUnpaidDate: claim.firstUnpaidDate,
    lastPaymentDate: claim.lastPaymentDate, acknowledgementDate: claim.acknowledgementDate, titleDate: claim.titleDate,
    assignmentDate: claim.assignmentDate, assignmentNotifiedDate: claim.assignmentNotifiedDate, documentRefs: claim.documentRefs,
    limitationKind: claim.limitation.kind, limitationExpiresOn: claim.limitation.expiresOn, status,
  };
}

export { zeroCounts };
