/** The payments of a case with their allocation (where each cent went), in the actor's data scope. */
import type { Actor } from '../actor.ts';
import { getCase } from '../cases/read-cases.ts';
import type { PaymentRecord } from '../ports/payment-repository.ts';
import type { Repositories } from '../ports/repositories.ts';

export async function listCasePayments(repos: Pick<Repositories, 'cases' | 'payments'>, actor: Actor, caseId: string): Promise<PaymentRecord[]> {
  await getCase(repos, actor, caseId);
  return repos.payments.listForCase(caseId);
}
