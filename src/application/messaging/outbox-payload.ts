/**
 * The outbox row's payload is the job's validated input (DESIGN.md §3.7): the template context as it
 * was when the message was enqueued. Versioned; checked again before every send, so a row written by
 * another version or edited by hand is refused rather than sent.
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { TemplateContext } from '../../domain/letters/templates/index.ts';

export const OUTBOX_PAYLOAD_VERSION = 1;

const Money = Type.Integer({ minimum: 0 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Text = Type.String({ minLength: 1 });

export const OutboxPayloadSchema = Type.Object({
  context: Type.Object({
    locale: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
    date: Day,
    reference: Text,
    agency: Type.Object({
      name: Text, legalForm: Type.String(), registration: Text, addressLines: Type.Array(Type.String()), postcode: Text, city: Text,
      phone: Text, complaintsEmail: Text, iban: Text, bic: Text, accountHolder: Text, dpoContact: Text, mediator: Text, portalUrl: Text,
      role: Type.Union([Type.Literal('amicable_collector'), Type.Literal('commissaire_de_justice')]),
    }),
    creditor: Type.Object({ name: Text, legalName: Text, addressLines: Type.Array(Type.String()), postcode: Text, city: Text, isCreditInstitution: Type.Boolean() }),
    debtor: Type.Object({ displayName: Text, postalLines: Type.Array(Type.String()) }),
    claim: Type.Object({
      caseId: Text, creditorReference: Text, category: Text, basisRef: Type.Union([Type.String(), Type.Null()]), basisDate: Type.Union([Day, Type.Null()]),
      principal: Money, interest: Money, accessories: Money, balance: Money, dueDate: Day, rfReference: Text, limitationExpiresOn: Type.Union([Day, Type.Null()]),
    }),
    firstLetter: Type.Union([Type.Object({ reference: Text, date: Day }), Type.Null()]),
    accessCode: Type.Null({ description: 'Never stored: the access code is generated at print time and only its hash is kept.' }),
    verificationCode: Type.Union([Text, Type.Null()]),
    dataSources: Type.Array(Type.Object({ label: Text, date: Day })),
  }, { additionalProperties: true }),
});

export type OutboxPayload = Static<typeof OutboxPayloadSchema>;

export function toPayload(context: TemplateContext): OutboxPayload {
  return { context: { ...context, accessCode: null } } as unknown as OutboxPayload;
}

/** The context a stored payload describes, or the list of what is wrong with it. */
export function parsePayload(version: number, payload: unknown): { ok: true; context: TemplateContext } | { ok: false; error: string } {
  if (version !== OUTBOX_PAYLOAD_VERSION) return { ok: false, error: `payload version ${version} is not supported (expected ${OUTBOX_PAYLOAD_VERSION})` };
  if (!Value.Check(OutboxPayloadSchema, payload)) {
    const errors = [...Value.Errors(OutboxPayloadSchema, payload)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    return { ok: false, error: `invalid payload: ${errors.join('; ')}` };
  }
  return { ok: true, context: (payload as unknown as { context: TemplateContext }).context };
}
