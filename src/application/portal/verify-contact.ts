/**
 * "Was this really you?" (public, no login). The answer is only "yes, this was us" or "we have no
 * trace of this" — never which case, creditor or amount — so it tells nobody whether a person has a
 * case beyond what the message in their hands already says. A premium-rate caller is a scam sign
 * in itself (the agency's number is validated as geographic or free at boot).
 */
import { checkPhone } from '../../domain/intake/phone.ts';
import { normaliseVerificationCode } from '../../domain/portal/credentials.ts';
import { readPastedMessage, type ScamSign } from '../../domain/portal/scam-signs.ts';
import { AppError } from '../errors.ts';
import type { PortalDeps } from './portal-deps.ts';

export interface VerifyContactInput {
  readonly code?: string | null;
  /** The number that called or texted, and roughly when (an instant), and the person's own number. */
  readonly callerNumber?: string | null;
  readonly ownNumber?: string | null;
  readonly at?: string | null;
  readonly message?: string | null;
}

export type Verdict = 'ours' | 'our-number' | 'no-trace';

export interface VerifyContactResult {
  readonly verdict: Verdict;
  readonly signs: readonly ScamSign[];
}

/** "Roughly when": three hours either side. */
export const CALL_WINDOW_MS = 3 * 60 * 60_000;

export async function verifyContact(deps: Pick<PortalDeps, 'uow' | 'messaging'>, input: VerifyContactInput): Promise<VerifyContactResult> {
  const codes: string[] = [];
  const signs = new Set<ScamSign>();
  if (input.code) {
    const code = normaliseVerificationCode(input.code);
    if (code) codes.push(code);
  }
  if (input.message) {
    const reading = readPastedMessage(input.message);
    codes.push(...reading.codes.filter((c) => !codes.includes(c)));
    for (const sign of reading.signs) signs.add(sign);
  }
  if (!codes.length && !input.callerNumber) throw new AppError('validation_failed', 'Give a verification code, a number or the message');

  let verdict: Verdict = 'no-trace';
  await deps.uow.run(async (repos) => {
    for (const code of codes.slice(0, 5)) {
      if (await repos.portal.traceByVerificationCode(code)) {
        verdict = 'ours';
        return;
      }
    }
    if (!input.callerNumber) return;
    const caller = checkPhone(input.callerNumber, 'FR');
    if (!caller.ok) {
      if (caller.code === 'premium_rate_phone') signs.add('premium-rate-number');
      return;
    }
    if (caller.type === 'shared_cost') signs.add('premium-rate-number');
    const agencyPhone = deps.messaging.agency.profile?.phone ?? null;
    if (caller.e164 !== agencyPhone) return;
    verdict = 'our-number';
    const own = input.ownNumber ? checkPhone(input.ownNumber, 'FR') : null;
    const at = input.at ? Date.parse(input.at) : Number.NaN;
    if (own?.ok && Number.isFinite(at)) {
      const traces = await repos.portal.tracesToNumber(own.e164, new Date(at - CALL_WINDOW_MS), new Date(at + CALL_WINDOW_MS));
      if (traces.length > 0) verdict = 'ours';
    }
  });
  return { verdict, signs: [...signs] };
}
