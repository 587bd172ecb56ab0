/**
 * Demo data seeded on the first start of a non-production instance: three creditors with mandates,
 * two teams, one user per role and forty cases spread over metropolitan France, Alsace-Moselle,
 * Corsica and the overseas territories, so every calendar and time zone the engine knows is visible.
 * Deterministic (fixed pseudo-random seed): two fresh installs show the same demo.
 */
import { sql } from 'drizzle-orm';
import type { UserRole } from '../../../application/actor.ts';
import type { PasswordHasher } from '../../../application/ports/password-hasher.ts';
import type { CaseStatus } from '../../../domain/case/case-status.ts';
import { DrizzleAuditLog } from '../audit-log.repository.ts';
import { newId } from '../ids.ts';
import type { AppDb, DbExecutor } from '../open-database.ts';
import { caseEvents, cases, contactPoints, creditors, debtors, mandates, teams, users } from '../schema.ts';
import { buildCase, buildContactPoint, buildCreditor, buildDebtor, buildMandate, buildTeam, insertSentFirstLetter } from './factories.ts';

export interface DemoLogin {
  readonly role: UserRole;
  readonly email: string;
  readonly password: string;
}

/** Demo passwords are public on purpose (README); production never seeds them (config refuses it). */
export const demoLogins: readonly DemoLogin[] = (['admin', 'manager', 'agent', 'compliance', 'creditor'] as const).map((role) => ({
  role, email: `${role}@demo.amiable.fr`, password: `demo-${role}-2026`,
}));

interface Place {
  readonly postcode: string;
  readonly city: string;
  readonly street: string;
  readonly phone: string;
}

// Phone numbers are valid for their territory (libphonenumber-js/max), from unallocated-looking ranges.
const places: readonly Place[] = [
  { postcode: '75011', city: 'Paris', street: '12 rue Oberkampf', phone: '+33612345601' },
  { postcode: '69003', city: 'Lyon', street: '4 cours Gambetta', phone: '+33612345602' },
  { postcode: '13001', city: 'Marseille', street: '33 la Canebière', phone: '+33491000003' },
  { postcode: '57000', city: 'Metz', street: '5 rue Serpenoise', phone: '+33387000004' },
  { postcode: '67000', city: 'Strasbourg', street: '8 rue des Juifs', phone: '+33612345605' },
  { postcode: '68100', city: 'Mulhouse', street: '2 rue du Sauvage', phone: '+33612345606' },
  { postcode: '20000', city: 'Ajaccio', street: '1 cours Napoléon', phone: '+33612345607' },
  { postcode: '97110', city: 'Pointe-à-Pitre', street: '3 rue Frébault', phone: '+590690123408' },
  { postcode: '97200', city: 'Fort-de-France', street: '7 rue Victor Hugo', phone: '+596696123409' },
  { postcode: '97300', city: 'Cayenne', street: '9 avenue du Général de Gaulle', phone: '+594694123410' },
  { postcode: '97400', city: 'Saint-Denis', street: '15 rue de Paris', phone: '+262692123411' },
  { postcode: '97600', city: 'Mamoudzou', street: '6 rue du Commerce', phone: '+262639401212' },
  { postcode: '97150', city: 'Marigot', street: '4 rue de la République', phone: '+590690123413' },
  { postcode: '97133', city: 'Gustavia', street: '2 rue du Roi Oscar II', phone: '+590690123414' },
  { postcode: '97500', city: 'Saint-Pierre', street: '3 rue Maréchal Foch', phone: '+508551234' },
];

const firstNames = ['Camille', 'Louis', 'Inès', 'Hugo', 'Léa', 'Nathan', 'Chloé', 'Yanis', 'Manon', 'Théo', 'Sarah', 'Enzo'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia'];
const statuses: readonly CaseStatus[] = ['active', 'active', 'active', 'notice_pending', 'active', 'promise', 'plan', 'active', 'closed_paid', 'active'];

/** mulberry32: a tiny deterministic PRNG, enough for reproducible demo data (and synthetic files). */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function isSeeded(db: DbExecutor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** Seeds once: returns null when another process already did (several processes may boot at once on PostgreSQL). */
export async function seedDemoData(db: AppDb, hasher: PasswordHasher, now: Date): Promise<{ cases: number; logins: readonly DemoLogin[] } | null> {
  const random = prng(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const passwordHashes = await Promise.all(demoLogins.map((login) => hasher.hash(login.password)));

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('amiable.demo-seed'))`);
    if (await isSeeded(tx as unknown as DbExecutor)) return null;
    const audit = new DrizzleAuditLog(tx as unknown as DbExecutor);
    const creditorRows = [
      buildCreditor({ name: 'Horizon Télécom', legalName: 'Horizon Télécom SA', registrationNumber: '812345678', addressLine1: '45 avenue de France', postcode: '75013', city: 'Paris', email: 'recouvrement@horizon-telecom.example' }),
      buildCreditor({ name: 'Énergie Claire', legalName: 'Énergie Claire SAS', registrationNumber: '823456789', addressLine1: '12 quai Perrache', postcode: '69002', city: 'Lyon', email: 'impayes@energie-claire.example' }),
      buildCreditor({ name: 'Banque Solidaire', legalName: 'Banque Solidaire SA', registrationNumber: '834567890', addressLine1: '3 place Kléber', postcode: '67000', city: 'Strasbourg', email: 'contentieux@banque-solidaire.example' }),
    ];
    await tx.insert(creditors).values(creditorRows);
    const mandateRows = creditorRows.map((c, i) => buildMandate(c.id!, { reference: `MAND-2026-00${i + 1}`, maxPlanMonths: [6, 12, 24][i]!, commissionBps: [1500, 1200, 1800][i]! }));
    await tx.insert(mandates).values(mandateRows);
    const teamRows = [buildTeam({ name: 'Équipe Métropole' }), buildTeam({ name: 'Équipe Outre-mer' })];
    await tx.insert(teams).values(teamRows);

    const userIds = demoLogins.map(() => newId());
    const agentId = userIds[demoLogins.findIndex((l) => l.role === 'agent')]!;
    await tx.insert(users).values(demoLogins.map((login, i) => ({
      id: userIds[i]!, email: login.email, role: login.role, passwordHash: passwordHashes[i]!,
      displayName: { admin: 'Alice Admin', manager: 'Marc Manager', agent: 'Agathe Agent', compliance: 'Clément Conformité', creditor: 'Horizon Télécom (créancier)' }[login.role],
      creditorId: login.role === 'creditor' ? creditorRows[0]!.id! : null,
      teamId: login.role === 'agent' || login.role === 'manager' ? teamRows[0]!.id! : null,
    })));

    const categories = ['telecom', 'energy', 'consumer_credit'] as const;
    let caseCount = 0;
    for (let i = 0; i < 40; i++) {
      const place = places[i % places.length]!;
      const creditorIndex = i % 3;
      const debtor = buildDebtor({
        civility: random() < 0.5 ? 'Mme' : 'M.', firstName: pick(firstNames), lastName: pick(lastNames),
        birthDate: `19${50 + Math.floor(random() * 50)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        birthPlace: place.city,
        fieldSources: { identity: { kind: 'creditor_file', label: `${creditorRows[creditorIndex]!.name}, demo file`, at: now.toISOString() } },
      });
      await tx.insert(debtors).values(debtor);
      const source = { sourceKind: 'creditor_file' as const, sourceLabel: `${creditorRows[creditorIndex]!.name}, fichier de démonstration`, sourceAt: now, validFrom: now };
      await tx.insert(contactPoints).values([
        buildContactPoint(debtor.id!, { kind: 'phone', value: place.phone.replace(/\d{2}$/, String(10 + i).slice(-2)), phoneType: 'mobile', isPrimary: true, ...source }),
        buildContactPoint(debtor.id!, { kind: 'email', value: `${debtor.firstName!.toLowerCase()}.${debtor.lastName!.toLowerCase()}${i}@example.org`, ...source }),
        buildContactPoint(debtor.id!, {
          kind: 'postal', value: `${place.street}, ${place.postcode} ${place.city}`, isPrimary: true,
          postal: { lines: [place.street], postcode: place.postcode, city: place.city, country: 'FR' }, ...source,
        }),
      ]);
      const principal = 2_000 + Math.floor(random() * 250_000);
      const dueMonth = 1 + Math.floor(random() * 10);
      const status = statuses[i % statuses.length]!;
      const row = buildCase(creditorRows[creditorIndex]!.id!, debtor.id!, {
        mandateId: mandateRows[creditorIndex]!.id!, creditorReference: `${['HT', 'EC', 'BS'][creditorIndex]}-2026-${String(1001 + i)}`,
        category: categories[creditorIndex]!, principalCents: principal,
        interestCents: creditorIndex === 2 ? Math.floor(principal * 0.04) : 0,
        basisContractRef: `CT-${String(880_000 + i * 37)}`, basisDate: '2024-03-15',
        dueDate: `2026-${String(dueMonth).padStart(2, '0')}-05`,
        firstUnpaidDate: creditorIndex === 2 ? `2026-${String(dueMonth).padStart(2, '0')}-05` : null,
        status, teamId: place.postcode.startsWith('97') ? teamRows[1]!.id! : teamRows[0]!.id!,
        openedAt: now, noticeSentAt: status === 'notice_pending' ? null : new Date(now.getTime() - 20 * 86_400_000),
        closedAt: status === 'closed_paid' ? now : null,
      });
      await tx.insert(cases).values(row);
      await tx.insert(caseEvents).values({ creditorId: row.creditorId, id: newId(), caseId: row.id!, at: now, type: 'case.created', actorKind: 'system', actorId: 'demo-seed', data: { source: 'demo' } });
      // Back office (issue #6): the notice was really sent (confirmations quote it, R124-4), and the demo
      // agent holds a few cases of their own besides the team's pool.
      if (row.noticeSentAt && status !== 'closed_paid') {
        await insertSentFirstLetter(tx as unknown as DbExecutor, { creditorId: row.creditorId, caseId: row.id!, debtorId: debtor.id! }, row.noticeSentAt);
      }
      if (i % 5 === 0 && row.teamId === teamRows[0]!.id) await tx.update(cases).set({ assignedUserId: agentId }).where(sql`id = ${row.id!}`);
      caseCount++;
    }
    await audit.append({ at: now, actorKind: 'system', actorId: 'demo-seed', action: 'demo.seeded', entityType: 'instance', entityId: null, data: { cases: caseCount } });
    return { cases: caseCount, logins: demoLogins };
  });
}
