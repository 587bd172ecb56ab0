/**
 * The case as the compliance engine sees it (`MessagingRepository.loadCase`'s data) as columns of one
 * statement over `cases c join creditors cr join debtors d`: the case, creditor and debtor fields, and
 * JSON arrays of the debtor's contact points, the case's open suspensions, the debtor's contact history
 * across all their cases and creditors and their portal preferences. The pages every agent opens (the
 * case file, the worklist) read it with the rest of their data in one round trip instead of `loadCases`'
 * five. They only ask the engine about one instant, so the history is the part that can change a
 * decision then (the domain's `historyHorizon`): the outbound attempts since `attemptsFrom` (the last
 * `historyLimit` of them), a range of `contact_attempts_debtor_idx (debtor_id, at)`, and the older ones
 * whose callback time is still due (`contact_attempts_callback_idx`), instead of the debtor's last 500
 * attempts of any age — on the million-case benchmark, about ten per debtor, each on its own page of the
 * table. `test/int/case-reads.int.test.ts` checks it gives what `loadCases` gives, the history cut at
 * the horizon, and the same decisions.
 */
import { sql } from 'drizzle-orm';
import type { CaseForMessaging, ContactFacts } from '../../application/ports/messaging-repository.ts';
import type { HistoryHorizon } from '../../domain/contact-policy/index.ts';
import { historyLimit, rawAttempt, toCaseForMessaging, toContactLists } from './messaging.repository.ts';
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

/**
 * The case's lists as JSON arrays, over any relation `c` with the case's `id` and `debtor_id`; the history
 * cut at `horizon` (epoch ms; the instants are parameters, the text is fixed).
 */
export const engineCaseListColumns = (horizon: HistoryHorizon) => {
  // `opaque`: the statements that read these keep their generic plan (the horizon moves with every request).
  const attemptsFrom = opaque(new Date(horizon.attemptsFrom).toISOString(), 'timestamptz');
  const callbacksFrom = opaque(new Date(horizon.callbacksFrom).toISOString(), 'timestamptz');
  return sql`
  (select coalesce(json_agg(t order by t.is_primary desc, t.created_at), '[]'::json) from (
     select p.id, p.debtor_id, p.kind, p.value, p.postal, p.status, p.is_primary, p.source_label, p.source_at, p.valid_until, p.created_at
       from contact_points p where p.debtor_id = c.debtor_id) t) as e_points,
  (select coalesce(json_agg(t), '[]'::json) from (
     select s.case_id, s.kind, s.from_at, s.until_at from suspensions s where s.case_id = c.id and s.resolved_at is null) t) as e_suspensions,
  (select coalesce(json_agg(t order by t.at desc), '[]'::json) from (
     (select a.id, a.case_id, a.channel, a.purpose, a.at, a.outcome, a.callback_at from contact_attempts a
       where a.debtor_id = c.debtor_id and a.at >= ${attemptsFrom} and a.direction = 'outbound' and a.allowed = true
       order by a.at desc limit ${sql.raw(String(historyLimit))})
     union all
     select a.id, a.case_id, a.channel, a.purpose, a.at, a.outcome, a.callback_at from contact_attempts a
      where a.debtor_id = c.debtor_id and a.callback_at >= ${callbacksFrom} and a.at < ${attemptsFrom}
        and a.direction = 'outbound' and a.allowed = true) t) as e_history,
  (select json_build_object('optOut', p.opt_out, 'quietHours', p.quiet_hours, 'writtenOnly', p.written_only)
     from debtor_preferences p where p.debtor_id = c.debtor_id) as e_preferences`;
};

/** Both, over `cases c join creditors cr join debtors d`. */
export const engineCaseColumns = (horizon: HistoryHorizon) => sql`${engineCaseRowColumns}, ${engineCaseListColumns(horizon)}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/** Both drivers parse json columns; a driver that hands text back is read the same way. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) as T : value as T);
const instant = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/** The lists' JSON columns as the rows `toCaseForMessaging` and `toContactLists` take. */
function listRows(row: Loose) {
  const preferences = parsed<{ optOut: string[]; quietHours: unknown; writtenOnly: boolean } | null>(row.e_preferences ?? null);
  return {
    points: parsed<Loose[]>(row.e_points).map((p) => ({
      id: p.id, debtorId: p.debtor_id, kind: p.kind, value: p.value, postal: p.postal, status: p.status, isPrimary: p.is_primary,
      sourceLabel: p.source_label, sourceAt: new Date(p.source_at), validUntil: instant(p.valid_until),
    })),
    suspensions: parsed<Loose[]>(row.e_suspensions).map((s) => ({ caseId: s.case_id, kind: s.kind, fromAt: new Date(s.from_at), untilAt: instant(s.until_at) })),
    history: parsed<Loose[]>(row.e_history).map(rawAttempt),
    preferences: preferences ? { debtorId: row.e_debtor_id, optOut: preferences.optOut, quietHours: preferences.quietHours, writtenOnly: preferences.writtenOnly } : undefined,
  };
}

export function toEngineCase(row: Loose): CaseForMessaging {
  const lists = listRows(row);
  return toCaseForMessaging(
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
    lists.points, lists.suspensions, lists.history, lists.preferences,
  );
}

/**
 * The case's fields the engine reads (`ContactFacts`), over `cases c`: with `engineCaseListColumns`, what a
 * page that only decides needs — not the creditor's address, the debtor's names or the amounts, which the
 * worklist read and parsed for each of its ~32 candidates and never used.
 */
export const contactFactsRowColumns = sql`c.id as e_id, c.debtor_id as e_debtor_id, c.status as e_status,
  c.limitation_expires_on::text as e_limitation_expires_on, c.notice_sent_at as e_notice_sent_at`;

export function toContactFacts(row: Loose): ContactFacts {
  const rows = listRows(row);
  const lists = toContactLists(rows.points, rows.suspensions, rows.history, rows.preferences);
  return {
    caseId: row.e_id, status: row.e_status, noticeSentAt: instant(row.e_notice_sent_at), limitationExpiresOn: row.e_limitation_expires_on,
    contactPoints: lists.contactPoints, suspensions: lists.suspensions, history: lists.history, preferences: lists.preferences,
  };
}
