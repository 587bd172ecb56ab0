/**
 * The camt reader as it was up to November 2026, kept verbatim as the oracle the streaming reader
 * (src/adapters/payments/camt.reader.ts) is compared against: same output on every file it accepts.
 *
 * ISO 20022 bank-to-customer cash management: camt.053 (statement) and camt.054 (debit/credit
 * notification), versions 001.02 to 001.08 (element names are the same where we read them; v6+
 * moved the party name under `Pty`, both are read). fast-xml-parser is configured as STACK_NOTES §8
 * says: tag values stay strings (so "00099.10" is not turned into the number 99.1), attributes are
 * kept (`Ccy`), namespace prefixes dropped. A file with a DOCTYPE is refused (camt files have none;
 * entity declarations are how XML bombs work).
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decimalToCents } from '../../src/adapters/payments/camt.reader.ts';
import { AppError } from '../../src/application/errors.ts';
import type { BankFileReader, ParsedBankFile, ParsedBankTransaction } from '../../src/application/ports/bank.ts';

type Node = Record<string, unknown>;

const arrayElements = new Set(['Stmt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Bal', 'Ustrd', 'Strd', 'CdtrRefInf']);
const parserOptions = {
  ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false,
  trimValues: true, processEntities: true, htmlEntities: false,
  // The callback needs only the element name: without `jPath: false` the parser builds every element's
  // path as a string for it, a third of its time on a large statement.
  jPath: false, isArray: (name: string) => arrayElements.has(name),
};
/** Files whose names carry namespace prefixes (`<ns2:Ntry>`): the prefixes are removed. */
const prefixedParser = new XMLParser({ ...parserOptions, removeNSPrefix: true });
/** Most banks write no prefix at all: removing them then only costs time (another third). */
const plainParser = new XMLParser({ ...parserOptions, removeNSPrefix: false });
/** An element or attribute name with a prefix (`<ns2:Document`, `</ns2:Ntry`, ` xsi:type=`), xmlns declarations aside. */
const PREFIXED_NAME = /<\/?[A-Za-z_][\w.-]*:|\s(?!xmlns:)[A-Za-z_][\w.-]*:[A-Za-z_][\w.-]*\s*=/;

/**
 * Whether the plain parser would read the file differently: a prefixed name, or a namespace declared
 * below the root element (the prefix-removing parser drops `xmlns` attributes, and an entry without a
 * bank reference is identified by a digest of its content). When in doubt, the prefix-removing parser.
 */
function needsPrefixRemoval(xml: string): boolean {
  if (PREFIXED_NAME.test(xml)) return true;
  const root = xml.search(/<[A-Za-z_]/);
  return root === -1 || xml.indexOf('xmlns', xml.indexOf('>', root)) !== -1;
}

function arr(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Node => typeof v === 'object' && v !== null);
}

function node(value: unknown): Node | undefined {
  if (Array.isArray(value)) return node(value[0]);
  return typeof value === 'object' && value !== null ? value as Node : undefined;
}

function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'object' && value !== null && typeof (value as Node)['#text'] === 'string') return text((value as Node)['#text']);
  return null;
}

function texts(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(text).filter((v): v is string => v !== null);
}

/** Follows a path of element names, taking the first element at each step. */
function at(root: unknown, ...path: string[]): unknown {
  let current: unknown = root;
  for (const name of path) {
    const n = node(current);
    if (!n) return undefined;
    current = n[name];
  }
  return current;
}

const DECIMAL = /^[0-9]{1,18}(\.[0-9]{1,5})?$/;

function amountOf(value: unknown): { text: string; currency: string } | null {
  const amount = text(value);
  const currency = node(value)?.['@Ccy'];
  if (!amount || !DECIMAL.test(amount) || typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return null;
  return { text: amount, currency };
}

function date(value: unknown): string | null {
  const d = text(at(value, 'Dt')) ?? text(at(value, 'DtTm'))?.slice(0, 10) ?? null;
  return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

function fail(message: string): never {
  throw new AppError('validation_failed', `Not a readable camt.053/054 file: ${message}`);
}

function txAmount(tx: Node): { text: string; currency: string } | null {
  return amountOf(at(tx, 'AmtDtls', 'TxAmt', 'Amt')) ?? amountOf(at(tx, 'AmtDtls', 'InstdAmt', 'Amt')) ?? amountOf(tx['Amt']);
}

function partyName(tx: Node, role: 'Dbtr' | 'Cdtr'): string | null {
  const parties = at(tx, 'RltdPties');
  return text(at(parties, role, 'Nm')) ?? text(at(parties, role, 'Pty', 'Nm')) ?? text(at(parties, 'Ultmt' + role, 'Nm')) ?? null;
}

function details(tx: Node | undefined) {
  if (!tx) return { endToEndId: null, structured: [], unstructured: [], payerName: null, payerIban: null, returnReason: null };
  const rmt = node(tx['RmtInf']);
  const structured = arr(rmt?.['Strd']).flatMap((s) => arr(s['CdtrRefInf']).map((c) => text(c['Ref'])).filter((r): r is string => r !== null));
  const unstructured = [...texts(rmt?.['Ustrd']), ...arr(rmt?.['Strd']).flatMap((s) => texts(s['AddtlRmtInf']))];
  const endToEndId = text(at(tx, 'Refs', 'EndToEndId'));
  return {
    endToEndId: endToEndId === 'NOTPROVIDED' ? null : endToEndId,
    structured, unstructured,
    payerName: partyName(tx, 'Dbtr'),
    payerIban: text(at(tx, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN')),
    returnReason: text(at(tx, 'RtrInf', 'Rsn', 'Cd')) ?? text(at(tx, 'RtrInf', 'Rsn', 'Prtry')),
  };
}

export class FastXmlParserCamtReader implements BankFileReader {
  read(content: Buffer): ParsedBankFile {
    const xml = content.toString('utf8');
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) fail('a DOCTYPE or entity declaration is not allowed');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) fail(`${valid.err.msg} (line ${String(valid.err.line)})`);
    let doc: unknown;
    try {
      doc = (needsPrefixRemoval(xml) ? prefixedParser : plainParser).parse(xml);
    } catch (error) {
      fail((error as Error).message);
    }
    const document = node(at(doc, 'Document'));
    if (!document) fail('no Document element');
    const statementRoot = node(document['BkToCstmrStmt']);
    const notificationRoot = node(document['BkToCstmrDbtCdtNtfctn']);
    const root = statementRoot ?? notificationRoot;
    if (!root) fail('neither BkToCstmrStmt (camt.053) nor BkToCstmrDbtCdtNtfctn (camt.054)');
    const format = statementRoot ? 'camt.053' : 'camt.054';
    const statements = arr(statementRoot ? root['Stmt'] : root['Ntfctn']);
    if (statements.length === 0) fail(`no ${statementRoot ? 'Stmt' : 'Ntfctn'} element`);
    const transactions: ParsedBankTransaction[] = [];
    for (const statement of statements) {
      const account = text(at(statement, 'Acct', 'Id', 'IBAN')) ?? text(at(statement, 'Acct', 'Id', 'Othr', 'Id'));
      if (!account) fail('a statement without an account');
      const statementId = text(statement['Id']);
      const seen = new Map<string, number>();
      for (const entry of arr(statement['Ntry'])) transactions.push(...this.entry(entry, account, statementId, seen));
    }
    return { format, messageId: text(at(root, 'GrpHdr', 'MsgId')), statementCount: statements.length, transactions };
  }

  private entry(entry: Node, account: string, statementId: string | null, seen: Map<string, number>): ParsedBankTransaction[] {
    const amount = amountOf(entry['Amt']);
    if (!amount) fail('an entry without a valid amount and currency');
    const indicator = text(entry['CdtDbtInd']);
    if (indicator !== 'CRDT' && indicator !== 'DBIT') fail('an entry without CdtDbtInd CRDT or DBIT');
    const status = text(entry['Sts']) ?? text(at(entry, 'Sts', 'Cd'));
    const booked = status === 'BOOK';
    const isReversal = text(entry['RvslInd']) === 'true';
    const direction: 'credit' | 'debit' = indicator === 'CRDT' ? 'credit' : 'debit';
    const accountServicerRef = text(entry['AcctSvcrRef']);
    const entryRef = text(entry['NtryRef']);
    // Without a bank reference, the entry is identified by its content and its rank among identical ones.
    let identity = accountServicerRef ? `asr:${accountServicerRef}` : entryRef ? `ref:${entryRef}` : null;
    if (!identity) {
      const digest = createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 32);
      const rank = (seen.get(digest) ?? 0) + 1;
      seen.set(digest, rank);
      identity = `h:${statementId ?? ''}:${digest}:${String(rank)}`;
    }
    const txs = arr(entry['NtryDtls']).flatMap((d) => [...arr(d['TxDtls']), ...arr(at(d, 'Btch')).flatMap((b) => arr(b['TxDtls']))]);
    const base = {
      entryIdentity: `${account}|${identity}`, account, statementId, direction, booked, bookingDate: date(entry['BookgDt']), valueDate: date(entry['ValDt']) ?? date(entry['BookgDt']),
      accountServicerRef,
    };
    const amounts = txs.map(txAmount);
    const split = txs.length > 1 && amounts.every((a) => a !== null && a.currency === amount.currency)
      && sumDecimals(amounts.map((a) => a!.text)) === sumDecimals([amount.text]);
    if (split) {
      return txs.map((tx, index) => {
        const d = details(tx);
        const a = amounts[index]!;
        return {
          ...base, entryKey: `${account}|${identity}|${String(index + 1)}`, amountText: a.text, currency: a.currency,
          amountCents: a.currency === 'EUR' ? decimalToCents(a.text) : null, endToEndId: d.endToEndId, structuredRefs: d.structured,
          unstructured: d.unstructured, payerName: d.payerName, payerIban: d.payerIban, returnReason: d.returnReason ?? (isReversal ? 'RVSL' : null),
        };
      });
    }
    const all = txs.map(details);
    const first = all[0] ?? details(undefined);
    return [{
      ...base, entryKey: `${account}|${identity}|0`, amountText: amount.text, currency: amount.currency,
      amountCents: amount.currency === 'EUR' ? decimalToCents(amount.text) : null, endToEndId: first.endToEndId,
      structuredRefs: all.flatMap((d) => d.structured), unstructured: [...all.flatMap((d) => d.unstructured), ...texts(entry['AddtlNtryInf'])],
      payerName: first.payerName, payerIban: first.payerIban, returnReason: first.returnReason ?? (isReversal ? 'RVSL' : null),
    }];
  }
}

/** Sum of exact decimals as a scaled BigInt string (5 decimals): compares without floating point. */
function sumDecimals(values: readonly string[]): string {
  let total = 0n;
  for (const v of values) {
    const [whole, fraction = ''] = v.split('.');
    total += BigInt(whole!) * 100000n + BigInt(fraction.padEnd(5, '0'));
  }
  return total.toString();
}
