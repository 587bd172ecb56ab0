/**
 * Card payment from the debtor portal (issues #7 and #8): the debtor starts a payment on their own
 * case through the configured provider; the provider's signed webhook books it (the same path as a
 * back-office card payment). With the built-in test provider, which moves no money and says so, the
 * debtor plays the provider's part to see the whole flow.
 */
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import { AppError, notFound } from '../../../application/errors.ts';
import { handleCardWebhook, startDebtorCardPayment } from '../../../application/payments/card-payments.ts';
import { problemResponses } from '../problem.ts';
import type { PaymentHttpDeps } from './payment.routes.ts';
import type { AppInstanceBase } from './route-types.ts';

const security = [{ portalSession: [] }];
const tags = ['portal'];

function debtorOf(request: { debtor: { actor: { kind: 'debtor'; creditorId: string; caseId: string; debtorId: string } } | null }) {
  if (!request.debtor) throw new AppError('unauthenticated', 'Log in to your portal first');
  return request.debtor.actor;
}

export function registerPortalCardRoutes(app: AppInstanceBase, deps: PaymentHttpDeps): void {
  app.get('/api/v1/portal/card-payments/provider', {
    config: { auth: { debtor: true } },
    schema: {
      tags, summary: 'The card provider offered to the debtor (the built-in one is a test provider: no money moves)', security,
      response: { 200: Type.Object({ label: Type.String(), isTest: Type.Boolean() }), ...problemResponses },
    },
  }, async () => ({ label: deps.cards.label, isTest: deps.cards.isTest }));

  app.post('/api/v1/portal/card-payments', {
    // The answer may hold the provider's client secret: never stored by the generic Idempotency-Key hook.
    config: { auth: { debtor: true }, idempotency: 'route' },
    schema: {
      tags, summary: 'Start a card payment on my case; the provider\'s webhook books it and a receipt follows', security,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
      body: Type.Object({ amountCents: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ providerRef: Type.String(), clientSecret: Type.Union([Type.String(), Type.Null()]), status: Type.String(), label: Type.String(), isTest: Type.Boolean() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const debtor = debtorOf(request);
    const key = request.headers['idempotency-key'] ?? `portal:${randomUUID()}`;
    const session = await startDebtorCardPayment(deps, debtor, { amountCents: request.body.amountCents, idempotencyKey: key });
    return reply.status(201).send({ providerRef: session.providerRef, clientSecret: session.clientSecret, status: session.status, label: session.label, isTest: session.isTest });
  });

  const testCards = deps.testCards;
  if (testCards) {
    app.post('/api/v1/portal/card-payments/:providerRef/test-succeed', {
      config: { auth: { debtor: true } },
      schema: {
        tags, summary: 'Test provider only: "pay" my test card payment; the signed webhook goes through the real booking path', security,
        params: Type.Object({ providerRef: Type.String({ pattern: '^test_pi_[0-9a-f]{32}$' }) }),
        response: { 200: Type.Object({ outcome: Type.String() }), ...problemResponses },
      },
    }, async (request) => {
      const debtor = debtorOf(request);
      // Only a payment started on this debtor's own case.
      if (testCards.caseOf(request.params.providerRef) !== debtor.caseId) throw notFound('Card payment');
      const { rawBody, headers } = testCards.succeed(request.params.providerRef, deps.clock.now());
      const result = await handleCardWebhook(deps, { rawBody, headers });
      return { outcome: result.outcome };
    });
  }
}
