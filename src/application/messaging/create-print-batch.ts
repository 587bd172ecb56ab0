/**
 * The daily print batch: every letter due, in one PDF for the mailing house, with a CSV manifest.
 * Each letter is asked of the compliance engine first (a suspended or closed case gets no collection
 * letter), linted again, and first letters get their portal access code now — printed once, stored
 * only as an argon2id hash in `cases.access_code_hash`.
 */
import { decideContact } from '../../domain/contact-policy/index.ts';
import { manifestCsv, type ManifestLine } from '../../domain/letters/manifest.ts';
import type { LetterDocument } from '../../domain/letters/document.ts';
import type { TemplateId } from '../../domain/letters/templates/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { LetterBatchRecord, OutboxRecord } from '../ports/messaging-repository.ts';
import { buildContactSituation } from './contact-situation.ts';
import { enqueueFirstLetters, type FirstLettersReport } from './enqueue-first-letters.ts';
import { requireAgency, type MessagingDeps } from './messaging-deps.ts';
import { parsePayload, toPayload } from './outbox-payload.ts';
import { asLetter, civilDateInParis, renderChecked } from './render-message.ts';

export interface PrintBatchResult {
  readonly batch: LetterBatchRecord | null;
  readonly firstLetters: FirstLettersReport;
  readonly refused: readonly { readonly outboxId: string; readonly caseId: string; readonly reason: string }[];
}

export async function createPrintBatch(deps: MessagingDeps, actor: Actor, options: { limit?: number } = {}): Promise<PrintBatchResult> {
  requireAgency(deps.agency);
  const firstLetters = await enqueueFirstLetters(deps, actor);
  const now = deps.clock.now();
  const batchId = deps.codes.id();
  const batchDate = civilDateInParis(now);
  const claimed = await deps.uow.run((repos) => repos.messaging.claimLetters(now, options.limit ?? 5_000, batchId, new Date(now.getTime() + 3_600_000)));
  const refused: { outboxId: string; caseId: string; reason: string }[] = [];
  const printable: { row: OutboxRecord; letter: LetterDocument; decision: ReturnType<typeof decideContact>; payload: unknown }[] = [];

  for (const row of claimed) {
    const outcome = await prepareLetter(deps, row, batchDate, now);
    if ('reason' in outcome) {
      await deps.uow.run(async (repos) => {
        await repos.messaging.markRefused(row.creditorId, row.id, null, outcome.decision ?? null, outcome.reason);
        await repos.messaging.appendCaseEvent({
          creditorId: row.creditorId, caseId: row.caseId, at: now, type: 'message.refused', actorKind: 'system', actorId: 'print-batch',
          data: { outboxId: row.id, template: row.template, channel: 'letter', reason: outcome.reason },
        });
      });
      refused.push({ outboxId: row.id, caseId: row.caseId, reason: outcome.reason });
    } else {
      printable.push({ row, ...outcome });
    }
  }
  if (printable.length === 0) return { batch: null, firstLetters, refused };

  const pdfPath = deps.storage.pdfPath(batchId);
  let rendered;
  try {
    rendered = await deps.renderer.renderBatch(printable.map((p) => p.letter), pdfPath, `Amiable — lot ${batchDate}`);
  } catch (error) {
    await deps.uow.run((repos) => repos.messaging.releaseLetters(batchId));
    await deps.storage.remove(pdfPath);
    throw error;
  }
  let firstPage = 1;
  const lines: ManifestLine[] = printable.map((p, index) => {
    const line: ManifestLine = {
      batchId, sequence: index + 1, caseReference: caseReferenceOf(p.payload), creditor: creditorOf(p.payload),
      recipient: p.letter.recipient, letterReference: p.row.letterReference ?? '', template: p.row.template, firstPage, pages: rendered.pages[index]!,
    };
    firstPage += line.pages;
    return line;
  });
  const csvPath = await deps.storage.writeManifest(batchId, manifestCsv(lines));
  const batch: Omit<LetterBatchRecord, 'status' | 'postedAt' | 'postedBy' | 'createdAt'> = {
    id: batchId, batchDate, letterCount: printable.length, pageCount: firstPage - 1, pdfPath, csvPath,
    pdfSha256: await deps.storage.sha256(pdfPath), createdBy: actorId(actor),
  };
  await deps.uow.run(async (repos) => {
    await repos.messaging.createBatch(batch);
    for (const [index, p] of printable.entries()) {
      await repos.messaging.finishLetter(p.row.creditorId, p.row.id, batchId, rendered.pages[index]!, p.decision, p.payload);
      await repos.messaging.appendCaseEvent({
        creditorId: p.row.creditorId, caseId: p.row.caseId, at: now, type: 'letter.printed', actorKind: 'system', actorId: 'print-batch',
        data: { outboxId: p.row.id, template: p.row.template, reference: p.row.letterReference, batchId },
      });
    }
    await repos.audit.append({
      at: now, actorKind: actor.kind === 'user' ? 'user' : 'system', actorId: actorId(actor), action: 'letters.batch_created', entityType: 'letter_batch',
      entityId: batchId, data: { letters: printable.length, pages: batch.pageCount, sha256: batch.pdfSha256 },
    });
  });
  const stored = await deps.uow.run((repos) => repos.messaging.findBatch(batchId));
  return { batch: stored, firstLetters, refused };
}

const caseReferenceOf = (payload: unknown) => (payload as { context: { claim: { creditorReference: string } } }).context.claim.creditorReference;
const creditorOf = (payload: unknown) => (payload as { context: { creditor: { name: string } } }).context.creditor.name;

async function prepareLetter(deps: MessagingDeps, row: OutboxRecord, batchDate: string, now: Date):
Promise<{ letter: LetterDocument; decision: ReturnType<typeof decideContact>; payload: unknown } | { reason: string; decision?: ReturnType<typeof decideContact> }> {
  const parsed = parsePayload(row.payloadVersion, row.payload);
  if (!parsed.ok) return { reason: parsed.error };
  return deps.uow.run(async (repos) => {
    const kase = await repos.messaging.loadCase(row.caseId);
    if (!kase) return { reason: 'the case no longer exists' };
    const decision = decideContact(buildContactSituation(kase, { at: now, channel: 'letter', purpose: row.purpose, recipient: row.recipient }));
    if (!decision.allowed) return { reason: decision.reasons.map((r) => r.rule).join(', '), decision };
    const isFirst = row.template === 'first-letter';
    // The letter is dated the day it is printed; a first letter carries a fresh access code.
    const context = { ...parsed.context, date: batchDate };
    const accessCode = isFirst ? deps.codes.accessCode() : null;
    let letter: LetterDocument;
    try {
      letter = asLetter(renderChecked(row.template as TemplateId, 'letter', { ...context, accessCode }));
    } catch (error) {
      if (error instanceof AppError) return { reason: error.message, decision };
      throw error;
    }
    if (accessCode) await repos.messaging.setAccessCodeHash(row.creditorId, row.caseId, await deps.hasher.hash(accessCode.replace(/-/g, '')));
    return { letter, decision, payload: toPayload(context) };
  });
}
