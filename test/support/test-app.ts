/** The real HTTP app on a fresh test database, driven with Fastify's inject (no network). */
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { newId } from '../../src/adapters/db/ids.ts';
import { insertCaseWithParties } from '../../src/adapters/db/seed/factories.ts';
import { users } from '../../src/adapters/db/schema.ts';
import type { AppInstance } from '../../src/adapters/http/app.ts';
import { loggerOptions } from '../../src/adapters/http/logger.ts';
import { Argon2PasswordHasher } from '../../src/adapters/security/argon2.password-hasher.ts';
import type { UserRole } from '../../src/application/actor.ts';
import type { Clock } from '../../src/application/ports/clock.ts';
import { composeApp, type ComposeOptions } from '../../src/server/compose.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly role: UserRole;
  readonly creditorId: string | null;
}

export interface TestApp {
  readonly app: AppInstance;
  readonly t: TestDatabase;
  /** Every line the app logged, as parsed JSON. */
  readonly logs: Record<string, unknown>[];
  readonly rawLogs: () => string;
  createUser(role: UserRole, overrides?: { creditorId?: string; teamId?: string | null; password?: string }): Promise<TestUser>;
  logIn(user: Pick<TestUser, 'email' | 'password'>): Promise<{ cookie: string; csrfToken: string }>;
  close(): Promise<void>;
}

/** A clock tests can move: lockouts and session expiry without waiting. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const hasher = new Argon2PasswordHasher();
let loginCount = 1;

export async function createTestApp(options: { clock?: Clock; env?: Record<string, string>; compose?: Pick<ComposeOptions, 'jobs' | 'metrics'> } = {}): Promise<TestApp> {
  const t = await createTestDatabase();
  const stream = new PassThrough();
  let raw = '';
  stream.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
  });
  // The production logger options, writing to memory: what a test sees is what production would log.
  const logger = pino(loggerOptions('info', false), stream);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...options.env });
  const app = await composeApp({ config, database: t.database, logger, serveWeb: false, ...(options.clock ? { clock: options.clock } : {}), ...options.compose });
  await app.ready();
  return {
    app,
    t,
    get logs() {
      return raw.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => raw,
    async createUser(role, overrides = {}) {
      let creditorId = overrides.creditorId ?? null;
      if (role === 'creditor' && !creditorId) {
        creditorId = (await insertCaseWithParties(t.database.db)).creditor.id!;
      }
      const password = overrides.password ?? `pw-${newId()}`;
      const user = { id: newId(), email: `${role}-${newId().slice(-12)}@test.amiable.fr`, role, creditorId };
      await t.database.db.insert(users).values({
        ...user, displayName: `${role} tester`, passwordHash: await hasher.hash(password), teamId: overrides.teamId ?? null,
      });
      return { ...user, password };
    },
    async logIn(user) {
      const response = await app.inject({
        method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password },
        // A fresh client address per login keeps the per-IP login rate limit out of unrelated tests.
        remoteAddress: `10.200.${(loginCount >> 8) & 255}.${loginCount++ & 255}`,
      });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'amiable_session');
      return { cookie: `amiable_session=${cookie!.value}`, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
    },
    async close() {
      await app.close();
      await t.destroy();
    },
  };
}
