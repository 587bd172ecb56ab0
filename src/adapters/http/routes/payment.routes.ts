/**
 * Payments, bank statements, reconciliation and closure (issue #7). Amounts are integer cents.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { closeCase } from '../../../application/cases/close-case.ts';
import { exportLitigationBundle } from '../../../application/cases/export-litigation-bundle.ts';
import { AppError } from '../../../application/errors.ts';
import { bookPayment } from '../../../application/payments/book-payment.ts';
import { handleCardWebhook, startCardPayment } from '../../../application/payments/card-payments.ts';
import { importBankStatement, resolveBankTransaction } from '../../../application/payments/import-bank-statement.ts';
import { listCasePayments } from '../../../application/payments/list-payments.ts';
import type { PaymentDeps } from '../../../application/payments/payment-deps.ts';
import { reversePayment } from '../../../application/payments/reverse-payment.ts';
import type { BankFileReader } from '../../../application/ports/bank.ts';
import type { BankImportRecord, BankTransactionRecord } from '../../../application/ports/bank-repository.ts';
import type { CardPaymentProvider } from '../../../application/ports/card-payments.ts';
import type { DocumentReader, LitigationBundleWriter } from '../../../application/ports/litigation-bundle.ts';
import type { PaymentRecord } from '../../../application/ports/payment-repository.ts';
import { staffRoles } from '../auth-rule.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';
import type { TestCardProvider } from '../../payments/test.card-provider.ts';

export interface PaymentHttpDeps extends PaymentDeps {
  readonly reader: BankFileReader;
  readonly cards: CardPaymentProvider;
  /** Set when the card provider is the built-in test provider: plays the provider's part. */
  readonly testCards?: TestCardProvider;
  readonly bundle: LitigationBundleWriter;
  readonly documents: DocumentReader;
  readonly maxBankFileBytes: number;
}

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const CivilDateSchema = Type.String({ format: 'date' });
const Cents = Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: 'Integer cents.' });
const bookers = ['admin', 'manager', 'agent'] as const;

const PaymentSchema = Type.Object({
  id: Uuid, caseId: Uuid, creditorId: Uuid, amountCents: Type.Integer(), currency: Type.String(), valueDate: CivilDateSchema, receivedAt: Type.String({ format: 'date-time' }),
  method: Type.String(), source: Type.String(), externalRef: Nullable(Type.String()), status: Type.Union([Type.Literal('booked'), Type.Literal('reversed')]),
  allocation: Type.Object({
    applications: Type.Array(Type.Object({ itemId: Type.String(), component: Type.String(), amount: Type.Integer() })),
    unappliedCents: Type.Integer({ description: 'Paid beyond the balance: to be refunded.' }), balanceAfterCents: Type.Integer(),
  }, { description: 'Where each cent went: interest, then accessories, then principal (C. civ. 1343-1).' }),
  payerName: Nullable(Type.String()), recordedBy: Type.String(), reversedAt: Nullable(Type.String({ format: 'date-time' })), reversalReason: Nullable(Type.String()),
});

const BookingSchema = Type.Object({
  payment: PaymentSchema, created: Type.Boolean(), statusBefore: Type.String(), statusAfter: Type.String(), cancelledMessages: Type.Array(Uuid),
  receiptId: Nullable(Uuid), certificateId: Nullable(Uuid), warnings: Type.Array(Type.String()),
});

const ImportSchema = Type.Object({
  id: Uuid, fileSha256: Type.String(), fileName: Type.String(), format: Type.String(), messageId: Nullable(Type.String()), statementCount: Type.Integer(),
  transactionCount: Type.Integer(), duplicateCount: Type.Integer(), bookedCount: Type.Integer(), unmatchedCount: Type.Integer(), reversedCount: Type.Integer(),
  importedBy: Type.String(), importedAt: Type.String({ format: 'date-time' }),
});

const TransactionSchema = Type.Object({
  id: Uuid, importId: Uuid, entryKey: Type.String(), account: Type.String(), direction: Type.String(), amountText: Type.String({ description: 'Exact decimal as the bank wrote it.' }),
  currency: Type.String(), amountCents: Nullable(Type.Integer()), bookingDate: Nullable(CivilDateSchema), valueDate: Nullable(CivilDateSchema), endToEndId: Nullable(Type.String()),
  rfReference: Nullable(Type.String()), remittance: Nullable(Type.String()), payerName: Nullable(Type.String()), returnReason: Nullable(Type.String()), status: Type.String(),
  matchMethod: Nullable(Type.String()), confidence: Nullable(Type.Integer()),
  suggestions: Type.Array(Type.Object({ caseId: Uuid, creditorId: Uuid, score: Type.Integer(), reasons: Type.Array(Type.String()) })),
  creditorId: Nullable(Uuid), caseId: Nullable(Uuid), paymentId: Nullable(Uuid), note: Nullable(Type.String()), resolvedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function paymentJson(p: PaymentRecord) {
  return {
    id: p.id, caseId: p.caseId, creditorId: p.creditorId, amountCents: p.amountCents, currency: p.currency, valueDate: p.valueDate, receivedAt: p.receivedAt.toISOString(),
    method: p.method, source: p.source, externalRef: p.externalRef, status: p.status,
    allocation: { applications: p.allocation.applications.map((a) => ({ ...a })), unappliedCents: p.allocation.unappliedCents, balanceAfterCents: p.allocation.balanceAfterCents },
    payerName: p.payerName, recordedBy: p.recordedBy, reversedAt: iso(p.reversedAt), reversalReason: p.reversalReason,
  };
}

const importJson = (i: BankImportRecord) => ({ ...i, importedAt: i.importedAt.toISOString() });
const transactionJson = (t: BankTransactionRecord) => ({ ...t, suggestions: t.suggestions.map((s) => ({ ...s, reasons: [...s.reasons] })), resolvedAt: iso(t.resolvedAt) });

export function registerPaymentRoutes(app: AppInstanceBase, deps: PaymentHttpDeps): void {
  app.post('/api/v1/cases/:caseId/payments', {
    config: { auth: { roles: bookers } },
    schema: {
      tags: ['payments'], summary: 'Record a payment received by the agency (cheque, cash, transfer…): allocated, receipted, reminders cancelled',
      description: 'Give `reference` (cheque number, bank reference) to make the request idempotent: the same reference books once (200 with `created: false`).',
      security: [{ session: [], csrf: [] }],
      params: Type.Object({ caseId: Uuid }),
      body: Type.Object({
        amountCents: Cents, valueDate: CivilDateSchema,
        method: Type.Union(['cheque', 'cash', 'transfer', 'card', 'direct_debit', 'manual'].map((m) => Type.Literal(m))),
        reference: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })), payerName: Type.Optional(Type.String({ maxLength: 140 })),
      }, { additionalProperties: false }),
      response: { 200: BookingSchema, 201: BookingSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const body = request.body;
    const result = await bookPayment(deps, requestActor(request), {
      caseId: request.params.caseId, amountCents: body.amountCents, valueDate: body.valueDate, method: body.method as PaymentRecord['method'],
      source: 'agent', externalRef: body.reference ?? null, payerName: body.payerName ?? null,
    });
    return reply.status(result.created ? 201 : 200).send({ ...result, payment: paymentJson(result.payment), cancelledMessages: [...result.cancelledMessages], warnings: [...result.warnings] });
  });

  app.post('/api/v1/cases/:caseId/direct-payments', {
    config: { auth: { roles: [...bookers, 'creditor'], apiKeyScopes: ['payments:write'] } },
    schema: {
      tags: ['payments'], summary: 'Report a payment the creditor received directly (booked like any payment; the debtor gets a receipt)',
      description: '`reference` is the creditor\'s own id of the payment: the same reference books once. A creditor (user or API key) reports only on its own cases.',
      security: [{ session: [], csrf: [] }, { apiKey: [] }],
      params: Type.Object({ caseId: Uuid }),
      body: Type.Object({ amountCents: Cents, valueDate: CivilDateSchema, reference: Type.String({ minLength: 1, maxLength: 140 }), payerName: Type.Optional(Type.String({ maxLength: 140 })) }, { additionalProperties: false }),
      response: { 200: BookingSchema, 201: BookingSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const result = await bookPayment(deps, requestActor(request), {
      caseId: request.params.caseId, amountCents: request.body.amountCents, valueDate: request.body.valueDate, method: 'creditor_direct', source: 'creditor',
      externalRef: request.body.reference, payerName: request.body.payerName ?? null,
    });
    return reply.status(result.created ? 201 : 200).send({ ...result, payment: paymentJson(result.payment), cancelledMessages: [...result.cancelledMessages], warnings: [...result.warnings] });
  });

  app.get('/api/v1/cases/:caseId/payments', {
    config: { auth: { roles: [...staffRoles, 'creditor'], apiKeyScopes: ['payments:read', 'payments:write'] } },
    schema: {
      tags: ['payments'], summary: 'The payments of a case and where each cent went', security: [{ session: [] }, { apiKey: [] }],
      params: Type.Object({ caseId: Uuid }),
      response: { 200: Type.Object({ items: Type.Array(PaymentSchema) }), ...problemResponses },
    },
  }, async (request) => {
    const items = await deps.uow.run((repos) => listCasePayments(repos, requestActor(request), request.params.caseId));
    return { items: items.map(paymentJson) };
  });

  app.post('/api/v1/payments/:paymentId/reversal', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['payments'], summary: 'Reverse a booked payment (cheque bounced, refund): the allocation is undone', security: [{ session: [], csrf: [] }],
      params: Type.Object({ paymentId: Uuid }),
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ payment: PaymentSchema, reversed: Type.Boolean() }), ...problemResponses },
    },
  }, async (request) => {
    const result = await reversePayment(deps, requestActor(request), { paymentId: request.params.paymentId, reason: request.body.reason });
    return { payment: paymentJson(result.payment), reversed: result.reversed };
  });

  app.get('/api/v1/payments/card-provider', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['payments'], summary: 'Which card provider is configured (the built-in one is a test provider: no money moves)', security: [{ session: [] }],
      response: { 200: Type.Object({ name: Type.String(), label: Type.String(), isTest: Type.Boolean() }), ...problemResponses },
    },
  }, async () => ({ name: deps.cards.name, label: deps.cards.label, isTest: deps.cards.isTest }));

  app.post('/api/v1/cases/:caseId/card-payments', {
    config: { auth: { roles: bookers } },
    schema: {
      tags: ['payments'], summary: 'Start a card payment with the configured provider; the provider\'s webhook books it', security: [{ session: [], csrf: [] }],
      params: Type.Object({ caseId: Uuid }),
      headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 200 }) }),
      body: Type.Object({ amountCents: Cents }, { additionalProperties: false }),
      response: { 201: Type.Object({ provider: Type.String(), providerRef: Type.String(), clientSecret: Nullable(Type.String()), status: Type.String(), label: Type.String(), isTest: Type.Boolean() }), ...problemResponses },
    },
  }, async (request, reply) => {
    const session = await startCardPayment(deps, requestActor(request), { caseId: request.params.caseId, amountCents: request.body.amountCents, idempotencyKey: request.headers['idempotency-key'] });
    return reply.status(201).send(session);
  });

  const WebhookResult = Type.Object({ outcome: Type.String(), paymentId: Nullable(Uuid) });
  if (deps.testCards) {
    const testCards = deps.testCards;
    app.post('/api/v1/payments/test-provider/:providerRef/succeed', {
      config: { auth: { roles: bookers } },
      schema: {
        tags: ['payments'], summary: 'Test provider only: the debtor "pays"; the signed webhook goes through the real booking path', security: [{ session: [], csrf: [] }],
        params: Type.Object({ providerRef: Type.String({ pattern: '^test_pi_[0-9a-f]{32}$' }) }),
        response: { 200: WebhookResult, ...problemResponses },
      },
    }, async (request) => {
      const { rawBody, headers } = testCards.succeed(request.params.providerRef, deps.clock.now());
      return handleCardWebhook(deps, { rawBody, headers });
    });
  }

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // The signature covers the exact bytes: keep the body as text.
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.post('/api/v1/payments/webhooks/card', {
      config: { auth: { public: 'card provider webhook: authenticated by its signature (Stripe-Signature, HMAC-SHA256)' } },
      schema: {
        tags: ['payments'], summary: 'Card provider webhook (Stripe): payment_intent.succeeded books, charge.refunded reverses',
        response: { 200: WebhookResult, ...problemResponses },
      },
    }, async (request) => {
      if (typeof request.body !== 'string') throw new AppError('unsupported_media_type', 'Send the event as application/json');
      return handleCardWebhook(deps, { rawBody: request.body, headers: request.headers });
    });

    const xmlTypes = ['application/xml', 'text/xml'];
    scope.addContentTypeParser(xmlTypes, { parseAs: 'buffer', bodyLimit: deps.maxBankFileBytes }, (_request, body, done) => done(null, body));
    scope.post('/api/v1/bank-statements', {
      config: { auth: { roles: bookers } },
      bodyLimit: deps.maxBankFileBytes,
      schema: {
        tags: ['bank'], summary: 'Import a camt.053 statement or camt.054 notification and reconcile it',
        description: 'The body is the XML file (`Content-Type: application/xml`). The same file again returns the first import (200, `alreadyImported: true`) and changes nothing.',
        consumes: xmlTypes, security: [{ session: [], csrf: [] }],
        querystring: Type.Object({ fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: { 200: Type.Object({ import: ImportSchema, alreadyImported: Type.Boolean() }), 201: Type.Object({ import: ImportSchema, alreadyImported: Type.Boolean() }), ...problemResponses, 413: problemResponse('File too large (`payload_too_large`)') },
      },
    }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send the file as application/xml');
      const result = await importBankStatement(deps, requestActor(request), { fileName: request.query.fileName ?? 'statement.xml', content: request.body });
      return reply.status(result.alreadyImported ? 200 : 201).send({ import: importJson(result.import), alreadyImported: result.alreadyImported });
    });
  });

  app.get('/api/v1/bank-statements', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['bank'], summary: 'Bank files imported, latest first', security: [{ session: [] }],
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
      response: { 200: Type.Object({ items: Type.Array(ImportSchema) }), ...problemResponses },
    },
  }, async (request) => ({ items: (await deps.uow.run((repos) => repos.bank.listImports(request.query.limit))).map(importJson) }));

  app.get('/api/v1/bank-transactions', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['bank'], summary: 'Bank transactions; `status=unmatched` is the queue agents resolve', security: [{ session: [] }],
      querystring: Type.Object({
        status: Type.Optional(Type.Union(['unmatched', 'booked', 'reversed_payment', 'ignored', 'not_applicable'].map((s) => Type.Literal(s)))),
        importId: Type.Optional(Uuid), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(TransactionSchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const q = request.query;
    const page = await deps.uow.run((repos) => repos.bank.listTransactions({
      limit: q.limit, offset: q.offset, ...(q.status ? { status: q.status as BankTransactionRecord['status'] } : {}), ...(q.importId ? { importId: q.importId } : {}),
    }));
    return { items: page.items.map(transactionJson), total: page.total };
  });

  app.post('/api/v1/bank-transactions/:transactionId/resolution', {
    config: { auth: { roles: bookers } },
    schema: {
      tags: ['bank'], summary: 'Resolve an unmatched transaction: book it on a case, apply a return to a payment, or set it aside with a note',
      security: [{ session: [], csrf: [] }],
      params: Type.Object({ transactionId: Uuid }),
      body: Type.Union([
        Type.Object({ action: Type.Literal('assign'), caseId: Uuid }, { additionalProperties: false }),
        Type.Object({ action: Type.Literal('reverse'), paymentId: Uuid }, { additionalProperties: false }),
        Type.Object({ action: Type.Literal('ignore'), note: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      ]),
      response: { 200: TransactionSchema, ...problemResponses },
    },
  }, async (request) => {
    await resolveBankTransaction(deps, requestActor(request), request.params.transactionId, request.body);
    const tx = await deps.uow.run((repos) => repos.bank.findTransaction(request.params.transactionId));
    return transactionJson(tx!);
  });

  app.post('/api/v1/cases/:caseId/closure', {
    config: { auth: { roles: ['admin', 'manager', 'compliance'] } },
    schema: {
      tags: ['cases'], summary: 'Close a case (returned to the creditor, dispute upheld, time-barred) or hand it over to litigation',
      description: 'Paid and settled cases close themselves when the payment is booked. `prescribed` queues the time-barred notice.',
      security: [{ session: [], csrf: [] }],
      params: Type.Object({ caseId: Uuid }),
      body: Type.Object({
        outcome: Type.Union([Type.Literal('returned'), Type.Literal('erroneous'), Type.Literal('prescribed'), Type.Literal('litigation')]),
        reason: Type.String({ minLength: 1, maxLength: 500 }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ caseId: Uuid, from: Type.String(), to: Type.String(), cancelledMessages: Type.Integer(), cancelledArrangements: Type.Integer(), noticeId: Nullable(Uuid), warnings: Type.Array(Type.String()) }),
        ...problemResponses,
      },
    },
  }, async (request) => {
    const result = await closeCase(deps, requestActor(request), { caseId: request.params.caseId, outcome: request.body.outcome, reason: request.body.reason });
    return { ...result, warnings: [...result.warnings] };
  });

  app.get('/api/v1/cases/:caseId/litigation-bundle', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['cases'], summary: 'The litigation hand-off bundle (ZIP: summary PDF, documents, history CSV, payments CSV)', security: [{ session: [] }],
      params: Type.Object({ caseId: Uuid }),
      response: { 200: { description: 'application/zip', content: { 'application/zip': { schema: Type.String({ format: 'binary' }) } } }, ...problemResponses },
    },
  }, async (request, reply) => {
    const { fileName, zip } = await exportLitigationBundle(deps, requestActor(request), request.params.caseId);
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(zip as never);
  });
}
