/**
 * The case as the compliance engine sees it (`MessagingRepository.loadCase`'s data) as columns of one
 * statement over `cases c join creditors cr join debtors d`: the case, creditor and debtor fields, and
 * one compact JSON column of the debtor's contact points, the case's open suspensions, the debtor's contact
 * history across all their cases and creditors and their portal preferences. The pages every agent opens (the
 * case file, the worklist) read it with the rest of their data in one round trip instead of `loadCases`'
 * five. They only ask the engine about one instant, so the history is the part that can change a
 * decision then (the domain's `historyHorizon`): the outbound attempts since `attemptsFrom` (the last
 * `historyLimit` of them), a range of `contact_attempts_debtor_idx (debtor_id, at)`, and the older ones
 * whose callback time is still due (`contact_attempts_callback_idx`), instead of the debtor's last 500
 * attempts of any age — on the million-case benchmark, about ten per debtor, each on its own page of the
 * table. `test/int/case-reads.int.test.ts` checks it gives what `loadCases` gives, the history cut at
 * the horizon, and the same decisions.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { CallFacts, CaseForMessaging, ContactFacts, ContactPointRecord } from '../../application/ports/messaging-repository.ts';
import type { HistoryHorizon } from '../../domain/contact-policy/index.ts';
import { historyLimit, toCaseForMessaging } from './messaging.repository.ts';
import { opaque } from './open-database.ts';

/** The case, creditor and debtor fields, over `cases c join creditors cr join debtors d`. */
export const engineCaseRowColumns = sql`
  c.id as e_id, c.creditor_id as e_creditor_id, c.debtor_id as e_debtor_id, c.status as e_status, c.creditor_reference as e_creditor_reference,
  c.category as e_category, c.basis_contract_ref as e_basis_contract_ref, c.basis_date::text as e_basis_date, c.principal_cents as e_principal_cents,
  c.interest_cents as e_interest_cents, c.accessories_cents as e_accessories_cents, c.due_date::text as e_due_date,
  c.limitation_expires_on::text as e_limitation_expires_on, c.rf_reference as e_rf_reference, c.notice_sent_at as e_notice_sent_at,
  cr.name as e_creditor_name, cr.legal_name as e_creditor_legal_name, cr.address_line1 as e_creditor_address_line1,
  cr.address_line2 as e_creditor_address_line2, cr.postcode as e_creditor_postcode, cr.city as e_creditor_city,
  d.civility as e_civility, d.first_name as e_first_name, d.last_name as e_last_name, d.company_name as e_company_name, d.field_sources as e_field_sources`;

/** An instant as epoch milliseconds (floored like `new Date(text)` drops the microseconds), or null. */
const epochMs = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::int8`);

/**
 * The case's lists as one JSON column `e_lists`, over any relation `c` with the case's `id` and
 * `debtor_id`; the history cut at `horizon` (epoch ms; the instants are parameters, the text is fixed).
 * Compact, as the page reads it on every request: `[points, open suspensions, history, preferences]`, each
 * list of positional arrays (no key names), only the fields the engine reads, instants as epoch ms. The
 * worklist's ~32 candidates came as four JSON columns of keyed objects — ~1 KB of contact points per
 * candidate, timestamps as text to parse into Dates — the largest part of the page's rows (docs/scale.md).
 */
export const engineCaseListColumns = (horizon: HistoryHorizon) => engineCaseListColumnsFrom(
  // `opaque`: the statements that read these keep their generic plan (the horizon moves with every request).
  opaque(new Date(horizon.attemptsFrom).toISOString(), 'timestamptz'), opaque(new Date(horizon.callbacksFrom).toISOString(), 'timestamptz'),
);

/** `engineCaseListColumns` with the horizon's instants as given (values or placeholders, made `opaque`). */
export const engineCaseListColumnsFrom = (attemptsFrom: SQL, callbacksFrom: SQL) => listColumns(allPoints, attemptsFrom, callbacksFrom);

/**
 * `engineCaseListColumnsFrom` for deciding a call only (`CallFacts`, the worklist), with `callFactsRowColumns`: the
 * lists but the points (`null` in their place), which come as the row's `e_call_points`, the debtor's phones and postal addresses as the engine
 * and the choice of a usable point read them — not the e-mail addresses (a call's decision reads none), the points'
 * sources, or the address's lines and city, only its postcode and country —, kept on the debtor's row by the
 * triggers of migration 0019 (`debtor_call_points`, the same arrays as `callPointsJson` below). On the million-case
 * database, reading them there instead of aggregating contact_points for each candidate made the worklist's
 * statement alone ~24 % faster (pgbench, docs/scale.md, "Call points kept with the debtor").
 */
export const callFactsListColumnsFrom = (attemptsFrom: SQL, callbacksFrom: SQL) => listColumns(sql`null`, attemptsFrom, callbacksFrom);

const allPoints = sql`(select coalesce(json_agg(json_build_array(p.id, p.kind, p.value, p.postal, p.status, p.is_primary, p.source_label,
              ${epochMs('p.source_at')}, ${epochMs('p.valid_until')}) order by p.is_primary desc, p.created_at), '[]'::json)
      from contact_points p where p.debtor_id = c.debtor_id)`;
/** A contact point as a writer holds it, for `callPointsJson`. */
export interface CallPointSource {
  readonly id: string;
  readonly kind: string;
  readonly value: string;
  readonly status: string;
  readonly isPrimary: boolean;
  readonly validUntil: Date | null;
  readonly postal: Readonly<Record<string, unknown>> | null;
}
/** What `->>` gives of a JSON value: a string as it is, another value as its JSON text, nothing as null. */
const jsonText = (value: unknown) => (value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value));
/**
 * What `debtor_call_points` (migration 0019) gives for a debtor whose points are `points`, all written in one
 * transaction (one `created_at`), as JSON: an import writes each new debtor with it, and the trigger on the points
 * then finds nothing to change instead of writing every debtor a second time. A hint only: the trigger recomputes
 * every debtor a statement names and writes what differs (`test/int/call-points.int.test.ts`).
 */
export function callPointsJson(points: readonly CallPointSource[]): string {
  const called = points.filter((p) => p.kind === 'phone' || p.kind === 'postal')
    // As the function orders them: primary first, then (one created_at) by id, as PostgreSQL orders uuids.
    .sort((a, b) => (a.isPrimary !== b.isPrimary ? (a.isPrimary ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify(called.map((p) => [
    p.id, p.kind, p.value, p.status, p.isPrimary, p.validUntil === null ? null : p.validUntil.getTime(), p.postal !== null,
    jsonText(p.postal?.postcode), jsonText(p.postal?.country),
  ]));
}

const listColumns = (points: SQL, attemptsFrom: SQL, callbacksFrom: SQL) => sql`
  json_build_array(
   ${points},
   (select coalesce(json_agg(json_build_array(s.kind, ${epochMs('s.from_at')}, ${epochMs('s.until_at')})), '[]'::json)
      from suspensions s where s.case_id = c.id and s.resolved_at is null),
   (select coalesce(json_agg(json_build_array(t.id, t.case_id, t.channel, t.purpose, ${epochMs('t.at')}, t.outcome, ${epochMs('t.callback_at')}) order by t.at desc), '[]'::json) from (
      (select a.id, a.case_id, a.channel, a.purpose, a.at, a.outcome, a.callback_at from contact_attempts a
        where a.debtor_id = c.debtor_id and a.at >= ${attemptsFrom} and a.direction = 'outbound' and a.allowed = true
        order by a.at desc limit ${sql.raw(String(historyLimit))})
      union all
      select a.id, a.case_id, a.channel, a.purpose, a.at, a.outcome, a.callback_at from contact_attempts a
       where a.debtor_id = c.debtor_id and a.callback_at >= ${callbacksFrom} and a.at < ${attemptsFrom}
         and a.direction = 'outbound' and a.allowed = true) t),
   (select json_build_array(p.opt_out, p.quiet_hours, p.written_only) from debtor_preferences p where p.debtor_id = c.debtor_id)
  ) as e_lists`;

/** Both, over `cases c join creditors cr join debtors d`. */
export const engineCaseColumns = (horizon: HistoryHorizon) => sql`${engineCaseRowColumns}, ${engineCaseListColumns(horizon)}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** Both drivers parse json columns; a driver that hands text back is read the same way. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) as T : value as T);
const instant = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
const epochInstant = (ms: number | null) => (ms === null ? null : new Date(ms));

type Point = ContactPointRecord;
type Attempt = ContactFacts['history'][number];
type OtherLists = [
  [string, number, number | null][],
  [string, string, Attempt['channel'], Attempt['purpose'], number, Attempt['outcome'], number | null][],
  [string[], { from: string; to: string }[], boolean] | null,
];
type CompactLists<P> = [P[] | null, ...OtherLists];
/** `allPoints`' arrays. */
type FullPoint = [string, Point['kind'], string, Point['postal'], Point['status'], boolean, string | null, number, number | null];
/** `debtors.call_points`' arrays (`debtor_call_points`, migration 0019). */
type CallPoint = [string, 'phone' | 'postal', string, Point['status'], boolean, number | null, boolean, string | null, string | null];

/**
 * `e_lists` as the engine's lists (what `toContactLists` makes of `loadCases`' rows), in one pass; `point` reads a point's
 * array, of `e_lists`' points or of `points` when given.
 */
function contactLists<P, R>(row: Loose, point: (p: P) => R, points?: P[]) {
  const [listed, suspensions, history, preferences] = parsed<CompactLists<P>>(row.e_lists);
  return {
    contactPoints: (points ?? listed ?? []).map(point),
    suspensions: suspensions.map(([kind, fromAt, untilAt]) => ({ kind, fromAt: new Date(fromAt), untilAt: epochInstant(untilAt) })),
    history: history.map(([id, caseId, channel, purpose, at, outcome, callbackAt]) => ({
      id, caseId, channel, purpose, at: new Date(at), outcome: outcome ?? null, callbackAt: epochInstant(callbackAt),
    })),
    preferences: preferences ? { optOut: preferences[0], quietHours: preferences[1], writtenOnly: preferences[2] } : null,
  };
}

const fullPoint = ([id, kind, value, postal, status, isPrimary, sourceLabel, sourceAt, validUntil]: FullPoint): ContactPointRecord => ({
  id, kind, value, postal: postal ?? null, status, isPrimary, sourceLabel, sourceAt: new Date(sourceAt), validUntil: epochInstant(validUntil),
});
const callPoint = ([id, kind, value, status, isPrimary, validUntil, hasPostal, postcode, country]: CallPoint) => ({
  id, kind, value, status, isPrimary, validUntil: epochInstant(validUntil),
  // A key the address lacks comes as null: undefined, as when the address's own JSON lacks it.
  postal: hasPostal ? { postcode: postcode ?? undefined, country: country ?? undefined } : null,
});

export function toEngineCase(row: Loose): CaseForMessaging {
  const base = toCaseForMessaging(
    {
      c: {
        id: row.e_id, creditorId: row.e_creditor_id, debtorId: row.e_debtor_id, status: row.e_status, creditorReference: row.e_creditor_reference,
        category: row.e_category, basisContractRef: row.e_basis_contract_ref, basisDate: row.e_basis_date, principalCents: Number(row.e_principal_cents),
        interestCents: Number(row.e_interest_cents), accessoriesCents: Number(row.e_accessories_cents), dueDate: row.e_due_date,
        limitationExpiresOn: row.e_limitation_expires_on, rfReference: row.e_rf_reference, noticeSentAt: instant(row.e_notice_sent_at),
      },
      cr: {
        name: row.e_creditor_name, legalName: row.e_creditor_legal_name, addressLine1: row.e_creditor_address_line1,
        addressLine2: row.e_creditor_address_line2, postcode: row.e_creditor_postcode, city: row.e_creditor_city,
      },
      d: { civility: row.e_civility, firstName: row.e_first_name, lastName: row.e_last_name, companyName: row.e_company_name, fieldSources: row.e_field_sources },
    },
    [], [], [], undefined,
  );
  return { ...base, ...contactLists(row, fullPoint) };
}

/**
 * The case's fields the engine reads (`ContactFacts`) besides the row's own `id` and `status`, over `cases c`:
 * with `engineCaseListColumns`, what a page that only decides needs — not the creditor's address, the
 * debtor's names or the amounts, which the worklist read and parsed for each of its ~32 candidates and
 * never used.
 */
export const contactFactsRowColumns = sql`c.limitation_expires_on::text as e_limitation_expires_on, c.notice_sent_at as e_notice_sent_at`;

/** `contactFactsRowColumns` and the debtor's call points, over `cases c join debtors d`: what `callFactsListColumnsFrom` needs besides. */
export const callFactsRowColumns = sql`${contactFactsRowColumns}, d.call_points as e_call_points`;

/** A row with `id`, `status`, `callFactsRowColumns` and `callFactsListColumnsFrom` as what a call's decision reads. */
export function toCallFacts(row: Loose): CallFacts {
  const lists = contactLists(row, callPoint, parsed<CallPoint[]>(row.e_call_points));
  return {
    caseId: row.id, status: row.status, noticeSentAt: instant(row.e_notice_sent_at), limitationExpiresOn: row.e_limitation_expires_on,
    contactPoints: lists.contactPoints, suspensions: lists.suspensions, history: lists.history, preferences: lists.preferences,
  };
}
