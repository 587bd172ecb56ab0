/** A collectable case with a debtor reachable by post, phone and e-mail, for the messaging tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ovhSignature } from '../../src/adapters/messaging/http.sms-sender.ts';
import type { DbExecutor } from '../../src/adapters/db/open-database.ts';
import { contactPoints, suspensions } from '../../src/adapters/db/schema.ts';
import { buildContactPoint, insertCaseWithParties, type CaseRow } from '../../src/adapters/db/seed/factories.ts';
import { newId } from '../../src/adapters/db/ids.ts';

export interface Place { readonly postcode: string; readonly city: string; readonly phone: string }
export const guadeloupe: Place = { postcode: '97110', city: 'Pointe-à-Pitre', phone: '+590690123408' };
export const paris: Place = { postcode: '75011', city: 'Paris', phone: '+33612345601' };

export async function insertReachableCase(db: DbExecutor, options: { place?: Place; case?: Partial<CaseRow>; email?: string } = {}) {
  const place = options.place ?? paris;
  const sourceAt = new Date('2026-06-02T09:00:00Z');
  const parties = await insertCaseWithParties(db, {
    creditor: { name: 'Horizon Télécom', legalName: 'Horizon Télécom SA', addressLine1: '45 avenue de France', postcode: '75013', city: 'Paris' },
    debtor: { civility: 'Mme', firstName: 'Camille', lastName: 'Lefèvre', fieldSources: { identity: { kind: 'creditor_file', label: 'Horizon Télécom SA, fichier impayés', at: sourceAt.toISOString() } } },
    case: { basisContractRef: 'CT-880037', basisDate: '2024-03-15', principalCents: 12_345, dueDate: '2026-05-05', limitationExpiresOn: '2030-05-05', ...options.case },
  });
  const source = { sourceKind: 'creditor_file' as const, sourceLabel: 'Horizon Télécom SA, fichier impayés', sourceAt, validFrom: sourceAt };
  await db.insert(contactPoints).values([
    buildContactPoint(parties.debtor.id!, { kind: 'postal', value: `3 rue Frébault, ${place.postcode} ${place.city}`, isPrimary: true, postal: { lines: ['3 rue Frébault'], postcode: place.postcode, city: place.city, country: 'FR' }, ...source }),
    buildContactPoint(parties.debtor.id!, { kind: 'phone', value: place.phone, phoneType: 'mobile', isPrimary: true, ...source }),
    buildContactPoint(parties.debtor.id!, { kind: 'email', value: options.email ?? `camille.${newId().slice(-6)}@example.org`, isPrimary: true, ...source }),
  ]);
  return parties;
}

export async function openDispute(db: DbExecutor, parties: Awaited<ReturnType<typeof insertReachableCase>>, from: Date): Promise<void> {
  await db.insert(suspensions).values({ creditorId: parties.creditor.id!, id: newId(), caseId: parties.case.id!, debtorId: parties.debtor.id!, kind: 'dispute', fromAt: from, reason: 'montant contesté' });
}

export const ovhCredentials = { applicationKey: 'test-ak', applicationSecret: 'test-as', consumerKey: 'test-ck', serviceName: 'sms-ab12345-1', sender: 'AMIABLE' };

/**
 * A local stand-in for the OVHcloud SMS API that checks each request as OVHcloud would (application
 * and consumer keys, timestamp, "$1$" SHA-1 signature over the full URL and body) and keeps every job.
 */
export async function startFakeOvh() {
  const jobs: { tag: string; receivers: string[]; message: string; sender: string; idempotencyKey: string | undefined }[] = [];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const url = `http://${req.headers.host}${req.url}`;
      const timestamp = Number(req.headers['x-ovh-timestamp']);
      const expected = ovhSignature(ovhCredentials.applicationSecret, ovhCredentials.consumerKey, req.method!, url, body, timestamp);
      const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers['x-ovh-application'] !== ovhCredentials.applicationKey || req.headers['x-ovh-consumer'] !== ovhCredentials.consumerKey) return reply(403, { message: 'Invalid application key' });
      if (!Number.isInteger(timestamp) || Math.abs(timestamp - Date.now() / 1000) > 60) return reply(400, { message: 'Invalid timestamp' });
      if (req.headers['x-ovh-signature'] !== expected) return reply(400, { message: 'Invalid signature' });
      const base = `/1.0/sms/${ovhCredentials.serviceName}`;
      if (req.method === 'GET' && req.url?.startsWith(`${base}/outgoing?tag=`)) {
        const tag = decodeURIComponent(req.url.split('tag=')[1]!);
        return reply(200, jobs.flatMap((job, index) => (job.tag === tag ? [1000 + index] : [])));
      }
      if (req.method === 'POST' && req.url === `${base}/jobs`) {
        const job = JSON.parse(body) as { tag: string; receivers: string[]; message: string; sender: string };
        if (!job.message || job.sender !== ovhCredentials.sender || !job.receivers.every((r) => /^\+\d{8,15}$/.test(r))) return reply(400, { message: 'Invalid job' });
        jobs.push({ ...job, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
        return reply(200, { ids: [1000 + jobs.length - 1], validReceivers: job.receivers, invalidReceivers: [], totalCreditsRemoved: 1 });
      }
      return reply(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}/1.0`, jobs, requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
