/** The outbox as the back office and `amiable outbox` show it; a message kept by the catcher comes with its text. */
import type { Actor } from '../actor.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { notFound } from '../errors.ts';
import type { CaughtMessageRecord, OutboxFilter, OutboxRecord } from '../ports/messaging-repository.ts';
import type { UnitOfWork } from '../ports/repositories.ts';

export async function listOutbox(deps: { uow: UnitOfWork }, actor: Actor, filter: Omit<OutboxFilter, 'creditorId'>): Promise<{ items: OutboxRecord[]; total: number }> {
  return deps.uow.run((repos) => repos.messaging.listOutbox({ ...filter, ...caseScopeOf(actor) }));
}

export async function readOutboxMessage(deps: { uow: UnitOfWork }, actor: Actor, id: string): Promise<{ message: OutboxRecord; caught: CaughtMessageRecord | null }> {
  return deps.uow.run(async (repos) => {
    const message = await repos.messaging.findOutbox(id);
    const scope = caseScopeOf(actor);
    if (!message || (scope.creditorId !== undefined && scope.creditorId !== message.creditorId)) throw notFound('Message');
    return { message, caught: await repos.messaging.findCaught(message.id) };
  });
}
