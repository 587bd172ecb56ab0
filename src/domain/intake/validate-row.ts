/**
 * One import row → a claim ready to store, or every reason it is refused (issue #4 §3). Pure: the
 * import's date (`asOf`) is an argument, and the same row on the same date always gives the same result,
 * so a resumed import judges its rows exactly as the first run did.
 */
import { limitation, type LimitationCategory, type LimitationEvent } from '../limitation/index.ts';
import { daysBetween, isCivilDate, parseCivilDate, type CivilDate } from '../time/index.ts';
import { parseMoney } from '../money/index.ts';
import { territoryFromPostcode, territories, isFrenchIsoCountry, isFrenchTerritory } from '../calendar/index.ts';
import { maxAddresses, maxEmails, maxPhones, repeatableColumns, singleColumns } from './columns.ts';
import { addressKeyOf, matchKeyOf, nameKeyOf, placeKeyOf } from './debtor-identity.ts';
import { checkPhone } from './phone.ts';
import { reason, type Reason, type ReasonCode } from './reasons.ts';

export const claimCategories = [
  'telecom', 'energy', 'water', 'consumer_goods_services', 'consumer_credit', 'mortgage', 'rent', 'professional',
  'enforceable_title',
] as const satisfies readonly LimitationCategory[];
export type ClaimCategory = (typeof claimCategories)[number];

/** Claims expiring within this many days are flagged in the report (issue #4 §4). */
export const LIMITATION_SOON_DAYS = 60;
/** Earliest plausible birth date or contract date; older values are typing errors. */
export const EARLIEST_DATE = '1900-01-01';
/** A refusal quotes at most this many characters of the value. */
export const QUOTED_VALUE_MAX = 100;

const categoryAliases: Readonly<Record<string, ClaimCategory>> = {
  telecom: 'telecom', telecoms: 'telecom', telecommunications: 'telecom',
  energy: 'energy', energie: 'energy',
  water: 'water', eau: 'water',
  consumer_goods_services: 'consumer_goods_services', biens_services: 'consumer_goods_services', biens_et_services: 'consumer_goods_services',
  consumer_credit: 'consumer_credit', credit_conso: 'consumer_credit', credit_consommation: 'consumer_credit', credit_a_la_consommation: 'consumer_credit',
  mortgage: 'mortgage', credit_immobilier: 'mortgage',
  rent: 'rent', loyer: 'rent', loyers: 'rent',
  professional: 'professional', professionnel: 'professional', professionnelle: 'professional',
  enforceable_title: 'enforceable_title', titre_executoire: 'enforceable_title',
};

const debtorTypeAliases: Readonly<Record<string, 'consumer' | 'professional'>> = {
  consumer: 'consumer', consommateur: 'consumer', particulier: 'consumer', personne_physique: 'consumer',
  professional: 'professional', professionnel: 'professional', entreprise: 'professional', business: 'professional',
};

const civilityAliases: Readonly<Record<string, string>> = {
  m: 'M.', mr: 'M.', monsieur: 'M.', mme: 'Mme', mrs: 'Mme', ms: 'Mme', madame: 'Mme', mlle: 'Mme', mademoiselle: 'Mme', miss: 'Mme',
};

const enumKey = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

export interface FieldError {
  /** Canonical column key (`phone_2`…), or '' for the record as a whole. */
  readonly column: string;
  /** The offending value, truncated to 100 characters. */
  readonly value: string;
  readonly reason: Reason;
}

export interface ClaimPhone { readonly e164: string; readonly type: string | null; readonly territory: string | null }
export interface ClaimEmail { readonly value: string }
export interface ClaimAddress {
  readonly line1: string; readonly line2: string | null; readonly postcode: string; readonly city: string; readonly country: string;
  readonly territory: string | null; readonly key: string;
}

export interface ClaimDebtor {
  readonly civility: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly birthName: string | null;
  readonly birthDate: string | null;
  readonly birthPlace: string | null;
  readonly companyName: string | null;
  readonly companyRegistration: string | null;
}

export type ReportFlag = { readonly kind: 'limitation_soon'; readonly expiresOn: string; readonly daysLeft: number };

export interface ClaimRow {
  readonly creditorReference: string;
  readonly debtorType: 'consumer' | 'professional';
  readonly category: ClaimCategory;
  readonly debtor: ClaimDebtor;
  readonly nameKey: string;
  readonly matchKey: string | null;
  readonly birthPlaceKey: string | null;
  readonly phones: readonly ClaimPhone[];
  readonly emails: readonly ClaimEmail[];
  readonly addresses: readonly ClaimAddress[];
  readonly contractReference: string | null;
  readonly contractDate: string | null;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly collectionFeesCents: number;
  readonly dueDate: string;
  readonly firstUnpaidDate: string | null;
  readonly lastPaymentDate: string | null;
  readonly acknowledgementDate: string | null;
  readonly titleDate: string | null;
  readonly assignmentDate: string | null;
  readonly assignmentNotifiedDate: string | null;
  readonly documentRefs: readonly string[] | null;
  /** The engine's explanation is kept for time-barred claims only (it goes to the report); rows travel between threads. */
  readonly limitation: { readonly kind: 'prescription' | 'forclusion'; readonly expiresOn: string; readonly status: 'running' | 'expired'; readonly basis: string; readonly explanation?: { readonly en: string; readonly fr: string } };
  /** `closed_prescribed` when the claim is already time-barred: stored, never collectable. */
  readonly status: 'notice_pending' | 'closed_prescribed';
  readonly flags: readonly ReportFlag[];
}

export type RowResult = { readonly ok: true; readonly claim: ClaimRow } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Cell values by canonical key; absent and empty cells are the same thing. */
export type RowValues = Readonly<Record<string, string | undefined>>;

export function quoteValue(value: string): string {
  return value.length > QUOTED_VALUE_MAX ? `${value.slice(0, QUOTED_VALUE_MAX - 1)}…` : value;
}

const maxLengthByKey = new Map<string, number>();
for (const spec of singleColumns) maxLengthByKey.set(spec.key, spec.maxLength);
for (const spec of repeatableColumns) {
  maxLengthByKey.set(spec.key, spec.maxLength);
  for (let n = 2; n <= spec.max; n++) maxLengthByKey.set(`${spec.key}_${n}`, spec.maxLength);
}

const suffix = (n: number) => (n === 1 ? '' : `_${n}`);

/** 'YYYY-MM-DD' or the French 'DD/MM/YYYY' → 'YYYY-MM-DD', or null when it is no existing date. */
export function readDate(value: string): string | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : value;
  return isCivilDate(iso) ? iso : null;
}

const emailPattern = /^[^\s@"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function validateRow(values: RowValues, asOf: CivilDate): RowResult {
  const errors: FieldError[] = [];
  const fail = (column: string, value: string, code: ReasonCode, params: Readonly<Record<string, string | number>> = {}) => {
    errors.push({ column, value: quoteValue(value), reason: reason(code, params) });
  };

  // Length first, on every cell: a 10k-character field is refused clearly and never parsed further.
  const cell = (key: string): string | null => {
    const raw = values[key];
    if (raw === undefined) return null;
    const trimmed = raw.trim();
    if (trimmed === '') return null;
    const max = maxLengthByKey.get(key) ?? 1000;
    if (trimmed.length > max) {
      fail(key, trimmed, 'too_long', { length: trimmed.length, max });
      return null;
    }
    return trimmed;
  };
  const required = (key: string): string | null => {
    const value = cell(key);
    if (value === null && !errors.some((e) => e.column === key)) fail(key, values[key] ?? '', 'required');
    return value;
  };
  const dateOf = (key: string, options: { required?: boolean; notBefore?: string } = {}): string | null => {
    const value = options.required ? required(key) : cell(key);
    if (value === null) return null;
    const parsed = readDate(value);
    if (parsed === null) {
      fail(key, value, 'invalid_date');
      return null;
    }
    if (parsed > asOf) {
      fail(key, value, key === 'due_date' ? 'not_exigible' : 'date_in_future', { asOf });
      return null;
    }
    if (options.notBefore && parsed < options.notBefore) {
      fail(key, value, 'date_too_old', { min: options.notBefore });
      return null;
    }
    return parsed;
  };
  const amountOf = (key: string, options: { required?: boolean } = {}): number | null => {
    const value = options.required ? required(key) : cell(key);
    if (value === null) return null;
    if (/^\s*[-−]/.test(value)) {
      fail(key, value, 'amount_negative');
      return null;
    }
    // "€", "EUR" and spaces around the figure are tolerated; the figure itself goes to the exact parser.
    const figure = value.replace(/\s*(€|eur)\s*$/i, '').replace(/^(€|eur)\s*/i, '');
    try {
      return parseMoney(figure);
    } catch (error) {
      const message = (error as Error).message;
      if (message.includes('more than 2 decimals')) fail(key, value, 'amount_too_precise');
      else fail(key, value, 'invalid_amount', { detail: message.replace(/^invalid amount "[^"]*": /, '') });
      return null;
    }
  };

  const creditorReference = required('creditor_reference');
  const debtorTypeText = required('debtor_type');
  const debtorType = debtorTypeText === null ? null : debtorTypeAliases[enumKey(debtorTypeText)] ?? null;
  if (debtorTypeText !== null && debtorType === null) fail('debtor_type', debtorTypeText, 'unknown_debtor_type');
  const categoryText = required('category');
  const category = categoryText === null ? null : categoryAliases[enumKey(categoryText)] ?? null;
  if (categoryText !== null && category === null) fail('category', categoryText, 'unknown_category', { allowed: claimCategories.join(', ') });
  if (category === 'professional' && debtorType === 'consumer') fail('category', categoryText ?? '', 'category_debtor_mismatch');

  const civilityText = cell('civility');
  const civility = civilityText === null ? null : civilityAliases[enumKey(civilityText)] ?? null;
  if (civilityText !== null && civility === null) fail('civility', civilityText, 'unknown_civility');
  const firstName = cell('first_name');
  const lastName = cell('last_name');
  const birthName = cell('birth_name');
  const birthDate = dateOf('birth_date', { notBefore: EARLIEST_DATE });
  const birthPlace = cell('birth_place');
  const companyName = cell('company_name');
  const companyRegistration = cell('company_registration');
  if (debtorType === 'professional' && companyName === null && lastName === null && !errors.some((e) => e.column === 'company_name' || e.column === 'last_name')) {
    fail('company_name', '', 'name_required', { detail: 'company_name or last_name' });
  }
  if (debtorType === 'consumer') {
    if (lastName === null && !errors.some((e) => e.column === 'last_name')) fail('last_name', '', 'name_required', { detail: 'last_name' });
    if (firstName === null && !errors.some((e) => e.column === 'first_name')) fail('first_name', '', 'name_required', { detail: 'first_name' });
  }

  const contractReference = cell('contract_reference');
  const contractDate = dateOf('contract_date', { notBefore: EARLIEST_DATE });
  const principal = amountOf('principal', { required: true });
  if (principal === 0) fail('principal', values.principal ?? '', 'amount_not_positive');
  const interest = amountOf('interest') ?? 0;
  const accessories = amountOf('accessories') ?? 0;
  const fees = amountOf('collection_fees') ?? 0;
  const total = amountOf('total');
  const dueDate = dateOf('due_date', { required: true, notBefore: EARLIEST_DATE });
  const firstUnpaidDate = dateOf('first_unpaid_date', { notBefore: EARLIEST_DATE });
  const lastPaymentDate = dateOf('last_payment_date', { notBefore: EARLIEST_DATE });
  const acknowledgementDate = dateOf('acknowledgement_date', { notBefore: EARLIEST_DATE });
  const titleDate = dateOf('title_date', { notBefore: EARLIEST_DATE });
  const assignmentDate = dateOf('assignment_date', { notBefore: EARLIEST_DATE });
  const assignmentNotifiedDate = dateOf('assignment_notified_date', { notBefore: EARLIEST_DATE });
  const documentRefsText = cell('document_refs');

  if (principal !== null && principal > 0 && total !== null) {
    // Integers: "0,1" + "0,2" is exactly "0,3" here, never 0.30000000000000004.
    const sum = principal + interest + accessories + fees;
    if (sum !== total) fail('total', values.total ?? '', 'total_mismatch', { total: values.total?.trim() ?? '', sum: centsText(sum) });
  }
  // CPCE-exéc L111-8: amicable collection fees stay with the creditor unless there is an enforceable title.
  const hasTitle = titleDate !== null || category === 'enforceable_title';
  if (fees > 0 && debtorType === 'consumer' && !hasTitle) fail('collection_fees', values.collection_fees ?? '', 'fees_consumer_without_title');
  if (category === 'consumer_credit' && firstUnpaidDate === null && !errors.some((e) => e.column === 'first_unpaid_date')) {
    fail('first_unpaid_date', '', 'first_unpaid_required');
  }
  if (category === 'enforceable_title' && titleDate === null && !errors.some((e) => e.column === 'title_date')) {
    fail('title_date', '', 'title_date_required');
  }
  // C. civ. 1324: an assignment binds the debtor only once notified; chasing before would be chasing a
  // debt the debtor may lawfully pay to the assignor. Refused (not flagged): the creditor notifies first.
  if (assignmentDate !== null && assignmentNotifiedDate === null && !errors.some((e) => e.column === 'assignment_notified_date')) {
    fail('assignment_notified_date', '', 'assignment_not_notified');
  }
  if (assignmentNotifiedDate !== null && assignmentDate === null && !errors.some((e) => e.column === 'assignment_date')) {
    fail('assignment_date', '', 'assignment_notified_without_assignment');
  }
  if (assignmentDate !== null && assignmentNotifiedDate !== null && assignmentNotifiedDate < assignmentDate) {
    fail('assignment_notified_date', values.assignment_notified_date ?? '', 'notified_before_assignment', { date: assignmentDate });
  }

  const addresses = readAddresses(values, cell, fail, errors);
  // National phone numbers are read in the numbering plan of the debtor's first address.
  const firstAddress = addresses[0];
  const defaultCountry = firstAddress?.territory && isFrenchTerritory(firstAddress.territory)
    ? territories[firstAddress.territory].isoCountry : firstAddress?.country ?? 'FR';
  const phones: ClaimPhone[] = [];
  for (let n = 1; n <= maxPhones; n++) {
    const key = `phone${suffix(n)}`;
    const value = cell(key);
    if (value === null) continue;
    const checked = checkPhone(value, defaultCountry);
    if (!checked.ok) fail(key, value, checked.code, { detail: checked.detail });
    else if (!phones.some((p) => p.e164 === checked.e164)) phones.push({ e164: checked.e164, type: checked.type, territory: checked.territory });
  }
  const emails: ClaimEmail[] = [];
  for (let n = 1; n <= maxEmails; n++) {
    const key = `email${suffix(n)}`;
    const value = cell(key);
    if (value === null) continue;
    if (!emailPattern.test(value) || value.includes('..')) fail(key, value, 'invalid_email');
    else if (!emails.some((e) => e.value === value.toLowerCase())) emails.push({ value: value.toLowerCase() });
  }

  if (errors.length > 0 || creditorReference === null || debtorType === null || category === null || principal === null || dueDate === null) {
    return { ok: false, errors };
  }

  const events: LimitationEvent[] = [];
  if (acknowledgementDate) events.push({ type: 'acknowledgement', date: acknowledgementDate });
  if (lastPaymentDate) events.push({ type: 'partial_payment', date: lastPaymentDate });
  // A claim with an enforceable title is limited by the title (CPCE-exéc L111-4), whatever it was before.
  const limitationCategory: ClaimCategory = titleDate !== null ? 'enforceable_title' : category;
  const limit = limitation({ category: limitationCategory, debtorType, dueDate, firstUnpaidDate, titleDate }, events, asOf);
  const flags: ReportFlag[] = [];
  const daysLeft = limit.status === 'running' ? daysBetween(asOf, parseCivilDate(limit.expiresOn)) : -1;
  if (limit.status === 'running' && daysLeft <= LIMITATION_SOON_DAYS) flags.push({ kind: 'limitation_soon', expiresOn: limit.expiresOn, daysLeft });

  const debtor: ClaimDebtor = { civility, firstName, lastName, birthName, birthDate, birthPlace, companyName, companyRegistration };
  const identity = { debtorType, firstName, lastName, companyName, companyRegistration, birthDate, birthPlace };
  return {
    ok: true,
    claim: {
      creditorReference, debtorType, category, debtor,
      nameKey: nameKeyOf(identity), matchKey: matchKeyOf(identity), birthPlaceKey: placeKeyOf(birthPlace),
      phones, emails, addresses,
      contractReference, contractDate,
      principalCents: principal, interestCents: interest, accessoriesCents: accessories, collectionFeesCents: fees,
      dueDate, firstUnpaidDate, lastPaymentDate, acknowledgementDate, titleDate, assignmentDate, assignmentNotifiedDate,
      documentRefs: documentRefsText === null ? null : documentRefsText.split('|').map((s) => s.trim()).filter((s) => s !== ''),
      limitation: { kind: limit.kind, expiresOn: limit.expiresOn, status: limit.status, basis: limit.basis, ...(limit.status === 'expired' ? { explanation: limit.explanation } : {}) },
      status: limit.status === 'expired' ? 'closed_prescribed' : 'notice_pending',
      flags,
    },
  };
}

function readAddresses(
  values: RowValues,
  cell: (key: string) => string | null,
  fail: (column: string, value: string, code: ReasonCode, params?: Readonly<Record<string, string | number>>) => void,
  errors: readonly FieldError[],
): ClaimAddress[] {
  const addresses: ClaimAddress[] = [];
  for (let n = 1; n <= maxAddresses; n++) {
    const s = suffix(n);
    const before = errors.length;
    const line1 = cell(`address_line1${s}`);
    const line2 = cell(`address_line2${s}`);
    const postcode = cell(`postcode${s}`);
    const city = cell(`city${s}`);
    const countryText = cell(`country${s}`);
    if (errors.length > before) continue;
    const anyGiven = [line1, line2, postcode, city, countryText].some((v) => v !== null);
    if (!anyGiven) {
      if (n === 1) fail('address_line1', '', 'incomplete_address');
      continue;
    }
    if (line1 === null || postcode === null || city === null) {
      const missing = line1 === null ? `address_line1${s}` : postcode === null ? `postcode${s}` : `city${s}`;
      fail(missing, values[missing] ?? '', 'incomplete_address');
      continue;
    }
    const country = (countryText ?? 'FR').toUpperCase() === 'FRANCE' ? 'FR' : (countryText ?? 'FR').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) {
      fail(`country${s}`, countryText ?? '', 'invalid_country');
      continue;
    }
    let territory: string | null = null;
    if (isFrenchIsoCountry(country)) {
      try {
        territory = territoryFromPostcode(postcode);
      } catch {
        fail(`postcode${s}`, postcode, 'unknown_postcode');
        continue;
      }
    } else {
      // A foreign address is accepted as given: its country code is its territory.
      territory = country;
    }
    addresses.push({ line1, line2, postcode, city, country, territory, key: addressKeyOf({ line1, postcode, country }) });
  }
  return addresses;
}

function centsText(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
