/**
 * The mailing house posted the batch: each letter's sending date is recorded (a contact attempt and a
 * case event), and a first letter sets `cases.notice_sent_at` and moves the case notice_pending →
 * active. From then on the engine's notice rules (no call, SMS or e-mail before the third day) apply,
 * because the situation carries `noticeSentAt`.
 */
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { Decision } from '../../domain/contact-policy/index.ts';
import type { LetterBatchRecord } from '../ports/messaging-repository.ts';
import type { MessagingDeps } from './messaging-deps.ts';

export async function markBatchPosted(
  deps: Pick<MessagingDeps, 'uow' | 'clock' | 'codes'>,
  actor: Actor,
  input: { batchId: string; postedAt?: Date },
): Promise<{ batch: LetterBatchRecord; letters: number; casesActivated: number }> {
  const now = deps.clock.now();
  const postedAt = input.postedAt ?? now;
  if (postedAt.getTime() > now.getTime() + 60_000) throw new AppError('validation_failed', 'A batch cannot be posted in the future');
  return deps.uow.run(async (repos) => {
    const batch = await repos.messaging.findBatch(input.batchId);
    if (!batch) throw notFound('Print batch');
    if (!(await repos.messaging.markBatchPosted(batch.id, postedAt, actorId(actor)))) {
      throw new AppError('conflict', `Batch ${batch.id} was already marked posted on ${batch.postedAt?.toISOString() ?? '?'}`);
    }
    let letters = 0;
    let casesActivated = 0;
    for (const row of await repos.messaging.lettersOfBatch(batch.id)) {
      if (row.status !== 'sending') continue;
      const attemptId = deps.codes.id();
      await repos.messaging.insertContactAttempt({
        creditorId: row.creditorId, id: attemptId, caseId: row.caseId, debtorId: row.debtorId, channel: 'letter', purpose: row.purpose, at: postedAt,
        outcome: 'sent', address: row.recipient, contactPointId: row.contactPointId, allowed: true, decision: row.decision as Decision, userId: actor.kind === 'user' ? actor.userId : null,
        verificationCode: null,
      });
      await repos.messaging.markLetterSent(row.creditorId, row.id, postedAt, attemptId);
      await repos.messaging.appendCaseEvent({
        creditorId: row.creditorId, caseId: row.caseId, at: postedAt, type: 'letter.posted', actorKind: eventActorKind(actor), actorId: actorId(actor),
        data: { outboxId: row.id, template: row.template, reference: row.letterReference, batchId: batch.id },
      });
      letters += 1;
      if (row.template === 'first-letter') {
        const before = await repos.messaging.recordNoticeSent(row.creditorId, row.caseId, postedAt);
        if (before === 'notice_pending') {
          casesActivated += 1;
          await repos.messaging.appendCaseEvent({
            creditorId: row.creditorId, caseId: row.caseId, at: postedAt, type: 'case.status_changed', actorKind: eventActorKind(actor), actorId: actorId(actor),
            data: { from: 'notice_pending', to: 'active', reason: 'R124-4 notice sent', reference: row.letterReference },
          });
        }
      }
    }
    await repos.audit.append({
      at: now, actorKind: actor.kind === 'user' ? 'user' : 'system', actorId: actorId(actor), action: 'letters.batch_posted', entityType: 'letter_batch',
      entityId: batch.id, data: { letters, postedAt: postedAt.toISOString() },
    });
    return { batch: (await repos.messaging.findBatch(batch.id))!, letters, casesActivated };
  });
}
