import { Type, type Static } from 'typebox';
import { caseStatuses } from '../../domain/case/case-status.ts';
import {
  attemptOutcomes, channels, profileIds, purposes, ruleIds, ruleKinds, suspensionKinds,
  type Decision, type Situation,
} from '../../domain/contact-policy/index.ts';

/**
 * JSON Schemas (TypeBox) of the contact-decision interface of issue #3: the CLI, the HTTP routes
 * and the OpenAPI document share them. Plain schemas without $id so that they can be embedded.
 * Unknown properties are refused: a misspelt "suspension" silently ignored would allow a contact.
 */
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const instant = (description: string) => Type.String({ format: 'date-time', description, examples: ['2027-03-26T09:15:00Z'] });
const civilDate = (description: string) => Type.String({ format: 'date', description, examples: ['2028-01-10'] });
const strict = { additionalProperties: false } as const;

export const ChannelSchema = Type.Enum([...channels], { description: 'How the debtor would be contacted.' });

export const SuspensionSchema = Type.Object({
  kind: Type.Enum([...suspensionKinds], { description: 'Why collection is suspended; over-indebtedness also forbids asking for payment (C. conso L722-5).' }),
  from: instant('When the suspension started.'),
  until: Type.Optional(nullable(instant('When it ends; null or absent: open-ended, lifted only by a change of state.'))),
}, strict);

export const ContactAttemptSchema = Type.Object({
  channel: ChannelSchema,
  at: instant('When the attempt was made.'),
  outcome: Type.Optional(nullable(Type.Enum([...attemptOutcomes], { description: 'What happened; a conversation starts the post-conversation pause.' }))),
  callbackAt: Type.Optional(nullable(instant('A time the debtor asked to be called back at: a call then, or up to 30 minutes later, escapes caps and pause.'))),
  caseId: Type.Optional(nullable(Type.String({ description: 'The case the attempt was about (us-regf counts calls per debt). Absent: counted for every case.' }))),
  purpose: Type.Optional(nullable(Type.Enum([...purposes], { description: 'Information messages (receipts…) do not count toward caps. Default collection.' }))),
}, strict);

export const SituationSchema = Type.Object({
  id: Type.Optional(nullable(Type.String({ description: 'Caller’s identifier, echoed in the decision.' }))),
  at: instant('The instant the contact would happen.'),
  channel: ChannelSchema,
  purpose: Type.Optional(nullable(Type.Enum([...purposes], { description: 'collection (default) or information (receipt, acknowledgement, confirmation, certificate): information skips caps, notice, suspension, limitation and closure rules but not hours.' }))),
  profile: Type.Optional(nullable(Type.Enum([...profileIds], { description: 'Contact policy profile. Default fr-amiable.' }))),
  debtor: Type.Object({
    postcode: Type.Optional(nullable(Type.String({ description: 'French postcode: decides the territory (holidays) and the time zone. Wins over the phone.' }))),
    country: Type.Optional(nullable(Type.String({ description: 'ISO 3166-1 alpha-2 country of the address. Default FR.', minLength: 2, maxLength: 2 }))),
    timeZone: Type.Optional(nullable(Type.String({ description: 'IANA time zone overriding the one derived from the territory; required for a debtor outside France.' }))),
    phone: Type.Optional(nullable(Type.String({ description: 'The number being called or texted; places the debtor when there is no postcode.' }))),
  }, { ...strict, description: 'Where the debtor lives and how to reach them.' }),
  case: Type.Optional(nullable(Type.Object({
    id: Type.Optional(nullable(Type.String({ description: 'Case identifier (for per-debt caps).' }))),
    status: Type.Optional(nullable(Type.Enum([...caseStatuses], { description: 'Case state; closed, litigation and intake block collection. Default active.' }))),
    noticeSentAt: Type.Optional(nullable(instant('When the R124-4 letter was sent; null: not sent (blocks calls, SMS, e-mails).'))),
    limitationExpiresOn: Type.Optional(nullable(civilDate('Last day before the claim is time-barred; after it (debtor’s local date) collection stops.'))),
  }, strict))),
  suspensions: Type.Optional(nullable(Type.Array(SuspensionSchema, { description: 'Suspensions of collection, active between from and until.' }))),
  preferences: Type.Optional(nullable(Type.Object({
    writtenOnly: Type.Optional(nullable(Type.Boolean({ description: 'The debtor asked for written contact only: no calls or SMS.' }))),
    optOut: Type.Optional(nullable(Type.Array(ChannelSchema, { description: 'Channels the debtor refused.' }))),
    quietHours: Type.Optional(nullable(Type.Array(Type.Object({
      from: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, debtor’s local time.' }),
      to: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:mm, exclusive; earlier than from: the range crosses midnight.' }),
    }, strict), { description: 'Times of day the debtor asked to be left alone.' }))),
    wrongNumbers: Type.Optional(nullable(Type.Array(Type.String(), { description: 'Numbers known not to be the debtor’s.' }))),
  }, strict))),
  history: Type.Optional(nullable(Type.Array(ContactAttemptSchema, { description: 'The debtor’s attempts across all their cases and creditors.' }))),
}, { ...strict, description: 'May this contact happen at this instant?' });

export const ReasonSchema = Type.Object({
  rule: Type.Enum([...ruleIds], { description: 'Which rule forbids the contact.' }),
  kind: Type.Enum([...ruleKinds], { description: 'How binding the rule is: law, regulation, guidance, self-regulation or policy.' }),
  citation: Type.String({ description: 'Source of the rule.' }),
  message: Type.Object({ fr: Type.String(), en: Type.String() }, { description: 'Plain-language explanation.' }),
});

export const DecisionSchema = Type.Object({
  id: Type.Optional(Type.String({ description: 'The situation’s id.' })),
  allowed: Type.Boolean({ description: 'True when no rule forbids the contact.' }),
  reasons: Type.Array(ReasonSchema, { description: 'Every rule that forbids it, in a fixed order.' }),
  nextAllowedAt: nullable(instant('Earliest instant at or after `at` when the same contact is allowed; null when only a change of state can allow it.')),
  localTime: Type.String({ description: '`at` on the debtor’s wall clock with its UTC offset.', examples: ['2027-03-26T10:15:00+01:00'] }),
  territory: Type.String({ description: 'Debtor’s territory: FR-METRO, FR-COR, FR-57, FR-67, FR-68, FR-GP, FR-MQ, FR-GF, FR-RE, FR-YT, FR-MF, FR-BL, FR-PM, or an ISO country code.' }),
  timeZone: Type.String({ description: 'IANA zone the decision used.' }),
});

export type SituationInput = Static<typeof SituationSchema>;
export type DecisionOutput = Static<typeof DecisionSchema>;

// Compile-time checks that the schemas and the domain types describe the same shapes.
const situationFits = (input: SituationInput): Situation => input;
const decisionFits = (decision: Decision): DecisionOutput => decision;
void situationFits;
void decisionFits;
