/**
 * Public call-pattern checker ("Know your rights"): the person lists the calls they received (when,
 * whether they spoke), where they live, when the first letter came and when they asked to stop, and
 * the engine says for each call whether the fr-amiable policy allows it and why — the same
 * `decideContact` that permits Amiable's own calls, through the compliance use case (validated input,
 * one outcome per item). The earlier calls are the history of each later one.
 */
import { decideContactItem } from '../compliance/index.ts';
import type { Decision } from '../../domain/contact-policy/index.ts';
import { AppError } from '../errors.ts';

export interface CallPatternInput {
  readonly postcode: string;
  /** When the first written notice (R124-4 letter) arrived, if it did. */
  readonly noticeReceivedOn?: string | null;
  /** When the person asked the caller to stop calling, if they did. */
  readonly stopRequestedAt?: string | null;
  readonly calls: readonly { readonly at: string; readonly answered: boolean }[];
}

export interface CallVerdict {
  readonly at: string;
  readonly allowed: boolean;
  readonly reasons: Decision['reasons'];
  readonly localTime: string;
}

export const MAX_CHECKED_CALLS = 60;

export function checkCallPattern(input: CallPatternInput): CallVerdict[] {
  if (input.calls.length === 0 || input.calls.length > MAX_CHECKED_CALLS) throw new AppError('validation_failed', `Between 1 and ${MAX_CHECKED_CALLS} calls`);
  const calls = [...input.calls].map((c) => ({ ...c, ms: Date.parse(c.at) }));
  if (calls.some((c) => !Number.isFinite(c.ms))) throw new AppError('validation_failed', 'Each call needs a date and time');
  calls.sort((a, b) => a.ms - b.ms);
  const stopMs = input.stopRequestedAt ? Date.parse(input.stopRequestedAt) : Number.NaN;
  return calls.map((call, index) => {
    const at = new Date(call.ms).toISOString();
    const outcome = decideContactItem({
      id: `call-${index + 1}`, at, channel: 'call', purpose: 'collection', profile: 'fr-amiable',
      debtor: { postcode: input.postcode, country: 'FR', timeZone: null, phone: null },
      case: { id: 'checked', status: 'active', noticeSentAt: input.noticeReceivedOn ? `${input.noticeReceivedOn}T00:00:00Z` : null, limitationExpiresOn: null },
      suspensions: [],
      preferences: { writtenOnly: false, optOut: Number.isFinite(stopMs) && call.ms > stopMs ? ['call'] : [], quietHours: [], wrongNumbers: [] },
      history: calls.slice(0, index).map((previous) => ({
        channel: 'call', at: new Date(previous.ms).toISOString(), outcome: previous.answered ? 'conversation' : 'no_answer', callbackAt: null,
        caseId: 'checked', purpose: 'collection',
      })),
    });
    if (!outcome.ok) throw new AppError('validation_failed', outcome.error);
    return { at, allowed: outcome.value.allowed, reasons: outcome.value.reasons, localTime: outcome.value.localTime };
  });
}
