/**
 * Rule-engine throughput: `npm run bench:rules [-- --cli-lines=N]` or `npx tsx bench/contact-policy.bench.ts [--cli-lines N]`.
 * Prints decisions and limitations per second on a realistic mix, each beside a baseline measured in
 * the same run on the same objects (JSON.parse + JSON.stringify), so that figures from machines of
 * different speeds can be compared through the ratio. Decisions are measured twice over the same
 * situations: with their instants as ISO strings (the JSON form: CLI, API, files) and as epoch
 * milliseconds (the in-process form of callers holding Dates; docs/rules.md §7), which must give the
 * same decisions. The JSON Lines part runs the CLI's own
 * streaming code (src/cli/check-json-lines.ts) over N lines (default 40,000; the figure is
 * --cli-lines 1000000) against the same pipeline doing parse + stringify only. Times are the
 * process's CPU time, so that other processes on a shared machine do not count against it.
 */
import { Readable, Writable } from 'node:stream';
import { decideContactItem, type ItemOutcome } from '../src/application/compliance/index.ts';
import { checkJsonLines } from '../src/cli/check-json-lines.ts';
import { decideContact, type ContactAttempt, type EpochSituation, type Situation } from '../src/domain/contact-policy/index.ts';
import { limitation, limitationCategories, type LimitationEvent } from '../src/domain/limitation/index.ts';

/** Deterministic pseudo-random numbers (mulberry32): every run benchmarks the same mix. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6D2B79F5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20270326);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const iso = (ms: number): string => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');

const DAY = 86_400_000;
const yearStart = Date.parse('2027-01-01T00:00:00Z');
// Every territory, weighted roughly by population; a few debtors known only by their phone, and US debtors.
const places: readonly Situation['debtor'][] = [
  ...Array.from({ length: 12 }, () => ({ postcode: '75011', country: 'FR', phone: '+33612345678' })),
  { postcode: '69003', country: 'FR' }, { postcode: '13001', country: 'FR' }, { postcode: '20000', country: 'FR' },
  { postcode: '57000', country: 'FR' }, { postcode: '67000', country: 'FR' }, { postcode: '68100', country: 'FR' },
  { postcode: '97110', country: 'FR' }, { postcode: '97200', country: 'FR' }, { postcode: '97300', country: 'FR' },
  { postcode: '97400', country: 'FR' }, { postcode: '97600', country: 'FR' }, { postcode: '97150', country: 'FR' },
  { postcode: '97133', country: 'FR' }, { postcode: '97500', country: 'FR' },
  { phone: '+590690123456' }, { phone: '+262269601234' }, { phone: '+33387000000' },
  { country: 'US', timeZone: 'America/New_York', phone: '+12125550100' },
];

function situationFor(debtor: number): Situation {
  const place = pick(places);
  const us = place.country === 'US';
  const at = yearStart + Math.floor(random() * 360) * DAY + (6 + Math.floor(random() * 16)) * 3_600_000 + Math.floor(random() * 60) * 60_000;
  const history: ContactAttempt[] = Array.from({ length: Math.floor(random() * 21) }, () => {
    const channel = pick(['call', 'call', 'call', 'sms', 'email', 'letter'] as const);
    const outcome = channel === 'call' ? pick(['no_answer', 'no_answer', 'voicemail', 'conversation', 'wrong_number'] as const) : 'sent';
    const when = at - Math.floor(random() * 30 * DAY);
    return { channel, at: iso(when), outcome, callbackAt: outcome === 'conversation' && random() < 0.3 ? iso(when + 2 * DAY) : null, caseId: pick(['c1', 'c2']) };
  });
  return {
    id: `d${String(debtor)}`,
    at: iso(at),
    channel: pick(['call', 'call', 'call', 'call', 'sms', 'sms', 'email', 'letter'] as const),
    purpose: random() < 0.05 ? 'information' : 'collection',
    profile: us ? 'us-regf' : random() < 0.15 ? 'fr-d223-9' : 'fr-amiable',
    debtor: place,
    case: {
      id: 'c1', status: random() < 0.03 ? 'closed_paid' : 'active',
      noticeSentAt: random() < 0.95 ? iso(at - Math.floor(random() * 60 * DAY)) : null,
      limitationExpiresOn: random() < 0.5 ? iso(at + Math.floor((random() - 0.1) * 400 * DAY)).slice(0, 10) : null,
    },
    suspensions: random() < 0.1
      ? [{ kind: pick(['dispute', 'documents-requested', 'over-indebtedness', 'vulnerability'] as const), from: iso(at - 10 * DAY), until: random() < 0.5 ? iso(at + Math.floor(random() * 20 * DAY)) : null }]
      : [],
    preferences: {
      writtenOnly: random() < 0.03,
      optOut: random() < 0.05 ? ['sms'] : [],
      quietHours: random() < 0.1 ? [{ from: '12:00', to: '14:00' }] : [],
      wrongNumbers: random() < 0.02 ? ['+33600000000'] : [],
    },
    history,
  };
}

// Through JSON, as the CLI, the API and the database rows deliver them: flat strings, not the
// concatenations the generator builds (which V8 reads more slowly, character by character).
const situations: Situation[] = JSON.parse(JSON.stringify(Array.from({ length: 10_000 }, (_, debtor) => situationFor(debtor)))) as Situation[];

/** The same situation with every instant as epoch milliseconds, as an in-process caller holding Dates builds it. */
function inEpochForm(situation: Situation): EpochSituation {
  const ms = (text: string): number => Date.parse(text);
  const optionalMs = (text: string | null | undefined): number | null => (text ? ms(text) : null);
  return {
    ...situation,
    at: ms(situation.at),
    case: situation.case ? { ...situation.case, noticeSentAt: optionalMs(situation.case.noticeSentAt) } : null,
    suspensions: (situation.suspensions ?? []).map((suspension) => ({ ...suspension, from: ms(suspension.from), until: optionalMs(suspension.until) })),
    history: (situation.history ?? []).map((attempt) => ({ ...attempt, at: ms(attempt.at), callbackAt: optionalMs(attempt.callbackAt) })),
  };
}
// Flat objects again (not spreads of the string form), as a caller builds them from database rows.
const epochSituations: EpochSituation[] = JSON.parse(JSON.stringify(situations.map(inEpochForm))) as EpochSituation[];
const bothForms = situations.map((situation, index) => ({ strings: situation, epoch: epochSituations[index] as EpochSituation }));

const claims = Array.from({ length: 10_000 }, (_, index) => {
  const category = pick(limitationCategories);
  const start = iso(yearStart - Math.floor(random() * 6 * 365) * DAY).slice(0, 10);
  const events: LimitationEvent[] = Array.from({ length: Math.floor(random() * 4) }, () => ({
    type: pick(['acknowledgement', 'partial_payment', 'court_claim', 'rescheduling', 'formal_notice'] as const),
    date: iso(Date.parse(`${start}T00:00:00Z`) + Math.floor(random() * 3 * 365) * DAY).slice(0, 10),
  }));
  return { id: `l${String(index)}`, category, debtorType: random() < 0.1 ? 'professional' as const : 'consumer' as const, dueDate: start, firstUnpaidDate: start, titleDate: start, events, asOf: '2027-06-01' };
});

/**
 * Milliseconds of CPU time this process has used: on a shared machine, wall-clock time counts the
 * time other processes hold the core, CPU time does not (it is what "per second on one core" means).
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Comparison {
  readonly perSecond: number;
  readonly baselinePerSecond: number;
}

/**
 * Items per CPU second of `work` and of `baseline`, measured in alternating slices of the same items for
 * about `seconds` each (after a warm-up pass), so that a change in machine load between the two
 * measurements cannot skew the ratio.
 */
function compare<T>(items: readonly T[], work: (item: T) => unknown, baseline: (item: T) => unknown, seconds = 1): Comparison {
  let sink = 0;
  for (const item of items) sink ^= work(item) === undefined ? 1 : 0;
  for (const item of items) sink ^= baseline(item) === undefined ? 1 : 0;
  const slice = 500;
  let workTime = 0;
  let baselineTime = 0;
  let done = 0;
  for (let offset = 0; workTime + baselineTime < seconds * 2000; offset = (offset + slice) % items.length) {
    const chunk = items.slice(offset, offset + slice);
    let started = cpuMs();
    for (const item of chunk) sink ^= work(item) === undefined ? 1 : 0;
    workTime += cpuMs() - started;
    started = cpuMs();
    for (const item of chunk) sink ^= baseline(item) === undefined ? 1 : 0;
    baselineTime += cpuMs() - started;
    done += chunk.length;
  }
  if (sink === 42) console.log('');
  return { perSecond: (done / workTime) * 1000, baselinePerSecond: (done / baselineTime) * 1000 };
}

const jsonRoundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const format = (perSecond: number): string => Math.round(perSecond).toLocaleString('en-US').padStart(11);
const row = (label: string, { perSecond, baselinePerSecond }: Comparison): void =>
  console.log(`${label.padEnd(50)}${format(perSecond)}/s   baseline ${format(baselinePerSecond)}/s   ratio ${(perSecond / baselinePerSecond).toFixed(2)}`);

/** Seconds the CLI's streaming code takes over `lines` lines, from an in-memory source to a null sink. */
async function jsonLinesSeconds(lines: number, lineOf: (index: number) => string, checkOne: (item: unknown) => ItemOutcome<unknown>): Promise<number> {
  let index = 0;
  const input = new Readable({
    read() {
      let chunk = '';
      for (let n = 0; n < 2000 && index < lines; n += 1, index += 1) chunk += `${lineOf(index)}\n`;
      this.push(chunk === '' ? null : chunk);
    },
  });
  const output = new Writable({ write(_chunk, _encoding, done) { done(); } });
  const started = cpuMs();
  await checkJsonLines(input, output, checkOne);
  return (cpuMs() - started) / 1000;
}

/** The CLI path against the same path doing JSON.parse + JSON.stringify only, in alternating rounds. */
async function compareJsonLines(lines: number, lineOf: (index: number) => string): Promise<Comparison> {
  const rounds = 4;
  const perRound = Math.ceil(lines / rounds);
  const identity = (item: unknown): ItemOutcome<unknown> => ({ ok: true, value: item });
  await jsonLinesSeconds(2000, lineOf, decideContactItem);
  let workSeconds = 0;
  let baselineSeconds = 0;
  for (let round = 0; round < rounds; round += 1) {
    baselineSeconds += await jsonLinesSeconds(perRound, lineOf, identity);
    workSeconds += await jsonLinesSeconds(perRound, lineOf, decideContactItem);
  }
  return { perSecond: (perRound * rounds) / workSeconds, baselinePerSecond: (perRound * rounds) / baselineSeconds };
}

const started = performance.now();
const allowed = situations.filter((situation) => decideContact(situation).allowed).length;
console.log(`Rule engine benchmark: ${String(situations.length)} debtors (every territory, 0–20 attempts each, ${String(Math.round((allowed / situations.length) * 100))} % allowed), ${String(claims.length)} claims; one core.\n`);
const sameDecisions = bothForms.every(({ strings, epoch }) => JSON.stringify(decideContact(strings)) === JSON.stringify(decideContact(epoch)));
if (!sameDecisions) throw new Error('the two input forms gave different decisions');
row('decideContact, instants as ISO strings (JSON form)', compare(situations, decideContact, jsonRoundTrip));
// The same baseline (a JSON round trip of the string form) for both rows, so that the ratios compare.
row('decideContact, instants as epoch ms (in-process)', compare(bothForms, (pair) => decideContact(pair.epoch), (pair) => jsonRoundTrip(pair.strings)));
row('decideContactItem (TypeBox validation + domain)', compare(situations, decideContactItem, jsonRoundTrip));
row('limitation (domain)', compare(claims, (claim) => limitation(claim, claim.events, claim.asOf), jsonRoundTrip));

// `--cli-lines N` when run directly, `--cli-lines=N` through `npm run bench:rules` (which passes flags only).
const cliArgument = process.argv.indexOf('--cli-lines');
const cliInline = process.argv.find((argument) => argument.startsWith('--cli-lines='));
const cliLines = cliInline ? Number(cliInline.slice('--cli-lines='.length)) : cliArgument > 0 ? Number(process.argv[cliArgument + 1]) : 40_000;
if (!Number.isSafeInteger(cliLines) || cliLines < 1) throw new RangeError('--cli-lines: a whole number of lines, e.g. --cli-lines=1000000');
const situationLines = situations.map((situation) => JSON.stringify(situation));
row(`JSON Lines check contact (${String(cliLines)} lines)`, await compareJsonLines(cliLines, (index) => situationLines[index % situationLines.length] as string));
console.log(`\nBoth decideContact rows decide the same 10,000 situations and gave identical decisions (checked above). The in-process goal (500,000/s) is judged on the epoch-ms row: see docs/rules.md §7.`);
console.log(`baseline: JSON.parse + JSON.stringify of the same objects (of the same lines, through the same stream, for JSON Lines), measured alternately in this run; rates per CPU second. ${((performance.now() - started) / 1000).toFixed(1)} s.`);
