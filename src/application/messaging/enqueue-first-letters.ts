/**
 * The notice workflow's first step: every new collectable case (notice_pending, no notice sent) gets
 * its R124-4 first letter in the outbox, once (idempotency key `first-letter:<case id>`). A case whose
 * letter the linter refuses (say, its basis is unknown) is reported, not skipped silently.
 */
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { enqueueFor } from './enqueue-message.ts';
import { requireAgency, type MessagingDeps } from './messaging-deps.ts';

export interface FirstLettersReport {
  readonly queued: number;
  readonly refused: readonly { readonly caseId: string; readonly reason: string; readonly findings?: readonly unknown[] }[];
}

export async function enqueueFirstLetters(deps: Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency'>, actor: Actor, limit = 10_000): Promise<FirstLettersReport> {
  const agency = requireAgency(deps.agency);
  const now = deps.clock.now();
  const candidates = await deps.uow.run((repos) => repos.messaging.casesAwaitingFirstLetter(limit));
  let queued = 0;
  const refused: { caseId: string; reason: string; findings?: readonly unknown[] }[] = [];
  for (const candidate of candidates) {
    try {
      // One transaction per case: one refused letter does not hold back the others.
      const result = await deps.uow.run(async (repos) => {
        const kase = await repos.messaging.loadCase(candidate.caseId);
        if (!kase) return null;
        return enqueueFor(repos, deps, actor, kase, agency, {
          caseId: kase.caseId, template: 'first-letter', channel: 'letter', idempotencyKey: `first-letter:${kase.caseId}`,
        }, now);
      });
      if (result?.created) queued += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push({ caseId: candidate.caseId, reason: error.message, ...(error.details.findings ? { findings: error.details.findings } : {}) });
    }
  }
  return { queued, refused };
}
