/**
 * The one configuration module (DESIGN.md §3.6): every environment variable is declared here with
 * its default and its parser, validated once at boot. A bad value stops the process with a readable
 * list of every problem, not just the first. Defaults make `npm start` work with no `.env`.
 */
import path from 'node:path';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type RuntimeMode = 'development' | 'test' | 'production';

export interface Config {
  readonly mode: RuntimeMode;
  readonly host: string;
  readonly port: number;
  /** Embedded PGlite data directory, used when `databaseUrl` is null. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  readonly publicUrl: string | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlMinutes: number;
  readonly seedDemoData: boolean;
  readonly trustProxy: boolean;
  readonly importMaxMegabytes: number;
  // Written notice and messaging (issue #5): the agency's identity and account, providers, the outbox loop.
  readonly agencyName: string | null;
  readonly agencyLegalForm: string | null;
  readonly agencyRegistration: string | null;
  readonly agencyAddress: string | null;
  readonly agencyPostcode: string | null;
  readonly agencyCity: string | null;
  readonly agencyPhone: string | null;
  readonly agencyComplaintsEmail: string | null;
  readonly agencyIban: string | null;
  readonly agencyBic: string | null;
  readonly agencyAccountHolder: string | null;
  readonly agencyDpo: string | null;
  readonly agencyMediator: string | null;
  readonly agencyRole: 'amicable_collector' | 'commissaire_de_justice';
  readonly portalUrl: string | null;
  readonly lettersDir: string | null;
  readonly smtpUrl: string | null;
  readonly smtpFrom: string;
  readonly smsProvider: 'catcher' | 'ovh';
  readonly ovhEndpoint: string;
  readonly ovhApplicationKey: string | null;
  readonly ovhApplicationSecret: string | null;
  readonly ovhConsumerKey: string | null;
  readonly ovhSmsService: string | null;
  readonly ovhSmsSender: string | null;
  readonly outboxIntervalSeconds: number;
  // ── payments (issue #7) ──
  readonly cardProvider: 'test' | 'stripe';
  readonly stripeSecretKey: string | null;
  readonly stripeWebhookSecret: string | null;
  readonly stripeApiBase: string;
  readonly bankMaxMegabytes: number;
  // ── operations (issue #9): process model, metrics, shutdown ──
  readonly workers: 'auto' | 'inline' | 'off';
  readonly apiProcesses: number;
  readonly metricsToken: string | null;
  readonly shutdownTimeoutSeconds: number;
  readonly uploadDir: string | null;
  readonly workerMetricsPort: number | null;
  // Back office (issue #6): demos and browser tests at a chosen instant (never in production).
  readonly clockStart: Date | null;
  // ── Creditor API, webhooks (issue #7 part B) ──
  /** 32-byte key encrypting webhook signing secrets at rest; null in production unless set (webhooks unavailable). */
  readonly webhookKey: Buffer | null;
}

interface VariableSpec<T> {
  readonly name: string;
  readonly description: string;
  readonly defaultText: string;
  parse(raw: string | undefined, env: NodeJS.ProcessEnv): T | ConfigProblem;
}

class ConfigProblem {
  constructor(readonly message: string) {}
}

function integer(name: string, min: number, max: number, fallback: number) {
  return (raw: string | undefined): number | ConfigProblem => {
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw)) return new ConfigProblem(`${name} must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) return new ConfigProblem(`${name} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

function boolean(name: string, fallback: (env: NodeJS.ProcessEnv) => boolean) {
  return (raw: string | undefined, env: NodeJS.ProcessEnv): boolean | ConfigProblem => {
    if (raw === undefined || raw === '') return fallback(env);
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    return new ConfigProblem(`${name} must be true or false, got "${raw}"`);
  };
}

function modeOf(env: NodeJS.ProcessEnv): RuntimeMode {
  const raw = env.NODE_ENV;
  return raw === 'production' || raw === 'test' ? raw : 'development';
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The demo agency used outside production, so that `npm start` can print letters out of the box. Its
 * IBAN and numbers are valid but fictitious. Production has no defaults: a missing value keeps every
 * letter and message from being sent (src/server/agency.ts lists what is missing).
 */
export const demoAgency = {
  AMIABLE_AGENCY_NAME: 'Amiable Recouvrement (démo)',
  AMIABLE_AGENCY_LEGAL_FORM: 'SAS',
  AMIABLE_AGENCY_REGISTRATION: 'RCS Paris 912 345 678',
  AMIABLE_AGENCY_ADDRESS: '10 rue de la Paix',
  AMIABLE_AGENCY_POSTCODE: '75002',
  AMIABLE_AGENCY_CITY: 'Paris',
  AMIABLE_AGENCY_PHONE: '+33142685300',
  AMIABLE_AGENCY_COMPLAINTS_EMAIL: 'reclamations@amiable.example',
  AMIABLE_AGENCY_IBAN: 'FR7630006000011234567890189',
  AMIABLE_AGENCY_BIC: 'AGRIFRPP882',
  AMIABLE_AGENCY_ACCOUNT_HOLDER: 'Amiable Recouvrement - compte clients',
  AMIABLE_AGENCY_DPO: 'dpo@amiable.example, 10 rue de la Paix, 75002 Paris',
  AMIABLE_AGENCY_MEDIATOR: 'Médiateur de la consommation (démo), 8 rue de la Médiation, 75008 Paris',
} as const;

/** A free-text agency field: the demo value outside production, nothing in production unless set. */
function agencyText(name: keyof typeof demoAgency, max = 200) {
  return (raw: string | undefined, env: NodeJS.ProcessEnv): string | null | ConfigProblem => {
    const value = raw?.trim() || (modeOf(env) === 'production' ? '' : demoAgency[name]);
    if (!value) return null;
    if (value.length > max) return new ConfigProblem(`${name} must be at most ${max} characters`);
    return value;
  };
}

function optionalText(name: string, validate?: (value: string) => string | null) {
  return (raw: string | undefined): string | null | ConfigProblem => {
    if (raw === undefined || raw.trim() === '') return null;
    const problem = validate?.(raw.trim());
    return problem ? new ConfigProblem(`${name} ${problem}`) : raw.trim();
  };
}

function httpUrl(name: string) {
  return (raw: string | undefined): string | null | ConfigProblem => {
    if (raw === undefined || raw === '') return null;
    try {
      const url = new URL(raw);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return new ConfigProblem(`${name} must be an http(s) URL`);
      return url.toString().replace(/\/$/, '');
    } catch {
      return new ConfigProblem(`${name} is not a valid URL: "${raw}"`);
    }
  };
}

/** The documented variables, in README order. A test checks that README.md lists each one. */
export const configVariables = {
  mode: {
    name: 'NODE_ENV',
    description: '`production` hides the demo logins and refuses to seed demo data; `test` and `development` are for local use.',
    defaultText: 'development',
    parse: (raw: string | undefined, env: NodeJS.ProcessEnv): RuntimeMode | ConfigProblem =>
      raw === undefined || raw === '' || ['development', 'test', 'production'].includes(raw)
        ? modeOf(env)
        : new ConfigProblem(`NODE_ENV must be development, test or production, got "${raw}"`),
  },
  host: {
    name: 'HOST',
    description: 'Interface the HTTP server listens on.',
    defaultText: '127.0.0.1',
    parse: (raw: string | undefined) => raw || '127.0.0.1',
  },
  port: {
    name: 'PORT',
    description: 'HTTP port.',
    defaultText: '3000',
    parse: integer('PORT', 0, 65535, 3000),
  },
  dataDir: {
    name: 'AMIABLE_DATA_DIR',
    description: 'Directory of the embedded database (PGlite), used when `DATABASE_URL` is not set. One process at a time.',
    defaultText: './data',
    parse: (raw: string | undefined) => path.resolve(raw || './data'),
  },
  databaseUrl: {
    name: 'DATABASE_URL',
    description: 'PostgreSQL (15 or later) connection string. When set, PostgreSQL is used instead of the embedded database.',
    defaultText: '(unset: embedded database)',
    parse: (raw: string | undefined): string | null | ConfigProblem => {
      if (raw === undefined || raw === '') return null;
      if (!/^postgres(ql)?:\/\//.test(raw)) return new ConfigProblem('DATABASE_URL must start with postgres:// or postgresql://');
      try {
        new URL(raw);
      } catch {
        return new ConfigProblem('DATABASE_URL is not a valid URL');
      }
      return raw;
    },
  },
  publicUrl: {
    name: 'PUBLIC_URL',
    description: 'The address users reach the server at (e.g. `https://amiable.example.fr`). When it is https, session cookies are marked Secure.',
    defaultText: '(unset: http://HOST:PORT)',
    parse: (raw: string | undefined): string | null | ConfigProblem => {
      if (raw === undefined || raw === '') return null;
      try {
        const url = new URL(raw);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') return new ConfigProblem('PUBLIC_URL must be an http(s) URL');
        return url.origin;
      } catch {
        return new ConfigProblem(`PUBLIC_URL is not a valid URL: "${raw}"`);
      }
    },
  },
  logLevel: {
    name: 'LOG_LEVEL',
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
    defaultText: 'info',
    parse: (raw: string | undefined): Config['logLevel'] | ConfigProblem => {
      if (raw === undefined || raw === '') return 'info';
      return (logLevels as readonly string[]).includes(raw)
        ? (raw as Config['logLevel'])
        : new ConfigProblem(`LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${raw}"`);
    },
  },
  sessionTtlMinutes: {
    name: 'SESSION_TTL_MINUTES',
    description: 'Back-office session lifetime since last activity, in minutes.',
    defaultText: '480',
    parse: integer('SESSION_TTL_MINUTES', 5, 7 * 24 * 60, 480),
  },
  seedDemoData: {
    name: 'AMIABLE_DEMO_DATA',
    description: 'Seed demo creditors, cases and one user per role on first start. Always off in production.',
    defaultText: 'true (false when NODE_ENV=production)',
    parse: boolean('AMIABLE_DEMO_DATA', (env) => modeOf(env) !== 'production'),
  },
  trustProxy: {
    name: 'TRUST_PROXY',
    description: 'Trust X-Forwarded-* headers (set when behind a reverse proxy) for client IPs and HTTPS detection.',
    defaultText: 'false',
    parse: boolean('TRUST_PROXY', () => false),
  },
  importMaxMegabytes: {
    name: 'AMIABLE_IMPORT_MAX_MB',
    description: 'Largest portfolio file accepted by POST /api/v1/imports, in MiB (the upload is streamed to a temporary file, not held in memory).',
    defaultText: '1024',
    parse: integer('AMIABLE_IMPORT_MAX_MB', 1, 1024 * 1024, 1024),
  },
  agencyName: { name: 'AMIABLE_AGENCY_NAME', description: 'The collection agency\'s name, printed on every letter (R124-4 1°).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_NAME', 120) },
  agencyLegalForm: { name: 'AMIABLE_AGENCY_LEGAL_FORM', description: 'Its legal form (SAS, SARL…).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_LEGAL_FORM', 40) },
  agencyRegistration: { name: 'AMIABLE_AGENCY_REGISTRATION', description: 'Its registration, e.g. `RCS Paris 912 345 678`.', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_REGISTRATION', 80) },
  agencyAddress: { name: 'AMIABLE_AGENCY_ADDRESS', description: 'Street address lines, separated by `;`.', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_ADDRESS') },
  agencyPostcode: { name: 'AMIABLE_AGENCY_POSTCODE', description: 'Postcode of the agency.', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_POSTCODE', 10) },
  agencyCity: { name: 'AMIABLE_AGENCY_CITY', description: 'City of the agency (also the place on the date line).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_CITY', 80) },
  agencyPhone: { name: 'AMIABLE_AGENCY_PHONE', description: 'Official callback number printed on letters: a geographic or free number, never premium rate (checked).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_PHONE', 30) },
  agencyComplaintsEmail: { name: 'AMIABLE_AGENCY_COMPLAINTS_EMAIL', description: 'The complaints service\'s address (footer of every message).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_COMPLAINTS_EMAIL', 120) },
  agencyIban: { name: 'AMIABLE_AGENCY_IBAN', description: 'IBAN of the account used only for funds collected for creditors (R124-2), printed with the EPC QR code (checked).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_IBAN', 42) },
  agencyBic: { name: 'AMIABLE_AGENCY_BIC', description: 'BIC of that account (checked).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_BIC', 11) },
  agencyAccountHolder: { name: 'AMIABLE_AGENCY_ACCOUNT_HOLDER', description: 'Account holder name in the QR code (at most 70 characters).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_ACCOUNT_HOLDER', 70) },
  agencyDpo: { name: 'AMIABLE_AGENCY_DPO', description: 'How to reach the data-protection officer (GDPR Art. 14 notice).', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_DPO') },
  agencyMediator: { name: 'AMIABLE_AGENCY_MEDIATOR', description: 'The consumer mediator the agency has joined, with its address or site.', defaultText: 'demo value (none in production)', parse: agencyText('AMIABLE_AGENCY_MEDIATOR') },
  agencyRole: {
    name: 'AMIABLE_AGENCY_ROLE', description: '`amicable_collector`, or `commissaire_de_justice` when the sender is one (the linter then allows that title).', defaultText: 'amicable_collector',
    parse: (raw: string | undefined): Config['agencyRole'] | ConfigProblem => (raw === undefined || raw === '' || raw === 'amicable_collector'
      ? 'amicable_collector' : raw === 'commissaire_de_justice' ? raw : new ConfigProblem(`AMIABLE_AGENCY_ROLE must be amicable_collector or commissaire_de_justice, got "${raw}"`)),
  },
  portalUrl: { name: 'AMIABLE_PORTAL_URL', description: 'The debtor portal\'s address printed on letters; SMS and e-mails may link to its host only.', defaultText: '(unset: PUBLIC_URL, else http://HOST:PORT)', parse: httpUrl('AMIABLE_PORTAL_URL') },
  lettersDir: { name: 'AMIABLE_LETTERS_DIR', description: 'Where print batches (PDF + CSV manifest) are written.', defaultText: '(unset: AMIABLE_DATA_DIR/letters)', parse: (raw: string | undefined) => (raw ? path.resolve(raw) : null) },
  smtpUrl: { name: 'SMTP_URL', description: 'SMTP server for e-mails, e.g. `smtps://user:pass@smtp.example.fr:465`. Unset: e-mails go to the built-in catcher (back-office Outbox, `amiable outbox`).', defaultText: '(unset: catcher)', parse: optionalText('SMTP_URL', (v) => (/^smtps?:\/\//.test(v) ? null : 'must start with smtp:// or smtps://')) },
  smtpFrom: { name: 'SMTP_FROM', description: 'Sender of e-mails.', defaultText: 'Amiable <no-reply@amiable.invalid>', parse: (raw: string | undefined) => raw?.trim() || 'Amiable <no-reply@amiable.invalid>' },
  smsProvider: {
    name: 'SMS_PROVIDER', description: '`catcher` (built-in, default) or `ovh` (OVHcloud SMS API; needs the OVH_* variables).', defaultText: 'catcher',
    parse: (raw: string | undefined): Config['smsProvider'] | ConfigProblem => (raw === undefined || raw === '' || raw === 'catcher' ? 'catcher' : raw === 'ovh' ? 'ovh' : new ConfigProblem(`SMS_PROVIDER must be catcher or ovh, got "${raw}"`)),
  },
  ovhEndpoint: { name: 'OVH_ENDPOINT', description: 'OVHcloud API base URL.', defaultText: 'https://eu.api.ovh.com/1.0', parse: (raw: string | undefined) => (httpUrl('OVH_ENDPOINT')(raw) ?? 'https://eu.api.ovh.com/1.0') },
  ovhApplicationKey: { name: 'OVH_APPLICATION_KEY', description: 'OVHcloud application key (AK).', defaultText: '(unset)', parse: optionalText('OVH_APPLICATION_KEY') },
  ovhApplicationSecret: { name: 'OVH_APPLICATION_SECRET', description: 'OVHcloud application secret (AS); never logged.', defaultText: '(unset)', parse: optionalText('OVH_APPLICATION_SECRET') },
  ovhConsumerKey: { name: 'OVH_CONSUMER_KEY', description: 'OVHcloud consumer key (CK) allowed to `POST /sms/*/jobs` and `GET /sms/*/outgoing`.', defaultText: '(unset)', parse: optionalText('OVH_CONSUMER_KEY') },
  ovhSmsService: { name: 'OVH_SMS_SERVICE', description: 'The SMS account name, e.g. `sms-ab12345-1`.', defaultText: '(unset)', parse: optionalText('OVH_SMS_SERVICE') },
  ovhSmsSender: { name: 'OVH_SMS_SENDER', description: 'Registered alphanumeric sender, e.g. `AMIABLE`.', defaultText: '(unset)', parse: optionalText('OVH_SMS_SENDER', (v) => (/^[A-Za-z0-9 ]{1,11}$/.test(v) ? null : 'must be 1 to 11 letters or digits')) },
  outboxIntervalSeconds: { name: 'AMIABLE_OUTBOX_INTERVAL_SECONDS', description: 'How often the job workers send due SMS and e-mails (the `outbox.send` job); `0` disables it (use `amiable outbox send`).', defaultText: '30', parse: integer('AMIABLE_OUTBOX_INTERVAL_SECONDS', 0, 86_400, 30) },
  clockStart: {
    name: 'AMIABLE_CLOCK_START', description: 'Development and tests only: the server\'s clock starts at this ISO instant and runs from there (call hours, worklists). Refused in production.', defaultText: '(unset: the real clock)',
    parse: (raw: string | undefined): Date | null | ConfigProblem => {
      if (raw === undefined || raw === '') return null;
      const at = new Date(raw);
      return Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(raw) ? new ConfigProblem(`AMIABLE_CLOCK_START must be an ISO instant, got "${raw}"`) : at;
    },
  },
  // ── payments (issue #7) ──
  cardProvider: {
    name: 'CARD_PROVIDER', description: '`test` (built-in test provider: no money moves, labelled as such; default) or `stripe` (needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).', defaultText: 'test',
    parse: (raw: string | undefined): Config['cardProvider'] | ConfigProblem => (raw === undefined || raw === '' || raw === 'test' ? 'test' : raw === 'stripe' ? 'stripe' : new ConfigProblem(`CARD_PROVIDER must be test or stripe, got "${raw}"`)),
  },
  stripeSecretKey: { name: 'STRIPE_SECRET_KEY', description: 'Stripe secret API key (`sk_…`); never logged.', defaultText: '(unset)', parse: optionalText('STRIPE_SECRET_KEY') },
  stripeWebhookSecret: { name: 'STRIPE_WEBHOOK_SECRET', description: 'Signing secret of the Stripe webhook endpoint `/api/v1/payments/webhooks/card` (`whsec_…`).', defaultText: '(unset)', parse: optionalText('STRIPE_WEBHOOK_SECRET') },
  stripeApiBase: { name: 'STRIPE_API_BASE', description: 'Stripe API base URL.', defaultText: 'https://api.stripe.com', parse: (raw: string | undefined) => (httpUrl('STRIPE_API_BASE')(raw) ?? 'https://api.stripe.com') },
  bankMaxMegabytes: { name: 'AMIABLE_BANK_FILE_MAX_MB', description: 'Largest bank statement file (camt.053/054) accepted by the upload route.', defaultText: '50', parse: integer('AMIABLE_BANK_FILE_MAX_MB', 1, 1024, 50) },
  // ── operations (issue #9) ──
  workers: {
    name: 'AMIABLE_WORKERS', description: 'Where background jobs run. `auto`: inside `amiable serve` on the embedded database, in separate `amiable worker` processes on PostgreSQL; `inline`: inside `amiable serve` on PostgreSQL too; `off`: never inside `serve`.', defaultText: 'auto',
    parse: (raw: string | undefined): Config['workers'] | ConfigProblem => (raw === undefined || raw === '' || raw === 'auto'
      ? 'auto' : raw === 'inline' || raw === 'off' ? raw : new ConfigProblem(`AMIABLE_WORKERS must be auto, inline or off, got "${raw}"`)),
  },
  apiProcesses: {
    name: 'AMIABLE_API_PROCESSES', description: 'How many API processes `amiable serve` runs on its port (node:cluster; PostgreSQL only — the embedded database allows one process). A process that dies is replaced; `/metrics` sums them all. One per core is a good start.', defaultText: '1',
    parse: integer('AMIABLE_API_PROCESSES', 1, 64, 1),
  },
  metricsToken: {
    name: 'METRICS_TOKEN', description: 'Bearer token a Prometheus scraper sends to `GET /metrics` (at least 16 characters). Unset: only an admin session may read the metrics.', defaultText: '(unset)',
    parse: optionalText('METRICS_TOKEN', (v) => (v.length >= 16 ? null : 'must be at least 16 characters')),
  },
  shutdownTimeoutSeconds: {
    name: 'AMIABLE_SHUTDOWN_TIMEOUT_SECONDS', description: 'On SIGTERM/SIGINT, how long running requests and jobs may take to finish before jobs are released to another worker and the process exits.', defaultText: '25',
    parse: integer('AMIABLE_SHUTDOWN_TIMEOUT_SECONDS', 1, 3600, 25),
  },
  uploadDir: {
    name: 'AMIABLE_UPLOAD_DIR', description: 'Where uploads are spooled while they are checked and imported (a full disk answers 507 and leaves no partial file).', defaultText: '(unset: the system temporary directory)',
    parse: (raw: string | undefined) => (raw ? path.resolve(raw) : null),
  },
  workerMetricsPort: {
    name: 'AMIABLE_WORKER_METRICS_PORT', description: 'Port on which `amiable worker` serves `/metrics` (with METRICS_TOKEN) and `/healthz`. Unset: none.', defaultText: '(unset)',
    parse: (raw: string | undefined): number | null | ConfigProblem => (raw === undefined || raw === '' ? null : integer('AMIABLE_WORKER_METRICS_PORT', 0, 65535, 0)(raw)),
  },
  // ── Creditor API, webhooks (issue #7 part B) ──
  webhookKey: {
    name: 'AMIABLE_WEBHOOK_KEY',
    description: 'Base64 of 32 random bytes (`openssl rand -base64 32`): encrypts webhook signing secrets at rest (AES-256-GCM). Outside production a fixed development key is used; in production, unset means webhook subscriptions cannot be created or sent. Changing it makes existing secrets unreadable.',
    defaultText: 'development key (none in production)',
    parse: (raw: string | undefined, env: NodeJS.ProcessEnv): Buffer | null | ConfigProblem => {
      if (raw === undefined || raw === '') return modeOf(env) === 'production' ? null : Buffer.from('amiable-development-webhook-key!'.padEnd(32, '!').slice(0, 32));
      const key = Buffer.from(raw, 'base64');
      return key.length === 32 ? key : new ConfigProblem(`AMIABLE_WEBHOOK_KEY must be base64 of exactly 32 bytes, got ${key.length} bytes`);
    },
  },
} satisfies { [K in keyof Config]: VariableSpec<Config[K]> };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configVariables) as [keyof Config, VariableSpec<unknown>][]) {
    const value = spec.parse(env[spec.name], env);
    if (value instanceof ConfigProblem) problems.push(value.message);
    else values[key] = value;
  }
  const config = values as unknown as Config;
  if (problems.length === 0 && config.mode === 'production' && config.seedDemoData) {
    problems.push('AMIABLE_DEMO_DATA cannot be true when NODE_ENV=production (demo logins must never reach production)');
  }
  if (problems.length === 0 && config.mode === 'production' && config.clockStart) problems.push('AMIABLE_CLOCK_START cannot be set when NODE_ENV=production');
  if (problems.length === 0 && config.apiProcesses > 1 && !config.databaseUrl) {
    problems.push('AMIABLE_API_PROCESSES above 1 needs DATABASE_URL (PostgreSQL): the embedded database allows one process');
  }
  if (problems.length === 0) problems.push(...messagingProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Cross-field checks of the messaging settings (formats are checked where the value is read). */
function messagingProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.smsProvider === 'ovh') {
    for (const [name, value] of [['OVH_APPLICATION_KEY', config.ovhApplicationKey], ['OVH_APPLICATION_SECRET', config.ovhApplicationSecret],
      ['OVH_CONSUMER_KEY', config.ovhConsumerKey], ['OVH_SMS_SERVICE', config.ovhSmsService], ['OVH_SMS_SENDER', config.ovhSmsSender]] as const) {
      if (!value) problems.push(`${name} is required when SMS_PROVIDER=ovh`);
    }
  }
  problems.push(...agencyFormatProblems(config));
  // ── payments (issue #7) ──
  if (config.cardProvider === 'stripe') {
    if (!config.stripeSecretKey) problems.push('STRIPE_SECRET_KEY is required when CARD_PROVIDER=stripe');
    if (!config.stripeWebhookSecret) problems.push('STRIPE_WEBHOOK_SECRET is required when CARD_PROVIDER=stripe');
  }
  return problems;
}

function agencyFormatProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.agencyIban && !isValidIBAN(electronicFormatIBAN(config.agencyIban) ?? '')) problems.push('AMIABLE_AGENCY_IBAN is not a valid IBAN');
  if (config.agencyBic && !isValidBIC(config.agencyBic)) problems.push('AMIABLE_AGENCY_BIC is not a valid BIC');
  if (config.agencyPhone) {
    const phone = parsePhoneNumberFromString(config.agencyPhone, 'FR');
    const type = phone?.isValid() ? phone.getType() : undefined;
    if (type !== 'FIXED_LINE' && type !== 'TOLL_FREE' && type !== 'FIXED_LINE_OR_MOBILE') {
      problems.push(`AMIABLE_AGENCY_PHONE must be a valid geographic or free number (never premium rate), got ${type ?? 'an invalid number'}`);
    }
  }
  return problems;
}


/** The configuration for a process about to start, or null once every bad variable is written to stderr. */
export function loadConfigOrExplain(env: NodeJS.ProcessEnv = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`amiable: ${error.message}\n`);
      return null;
    }
    throw error;
  }
}
