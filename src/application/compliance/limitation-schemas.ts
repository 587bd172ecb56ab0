import { Type, type Static } from 'typebox';
import {
  debtorTypes, limitationCategories, limitationEventTypes,
  type LimitationClaim, type LimitationEvent, type LimitationResult,
} from '../../domain/limitation/index.ts';

const nullableDate = (description: string) =>
  Type.Optional(Type.Union([Type.String({ format: 'date', description }), Type.Null()]));

export const LimitationEventSchema = Type.Object({
  type: Type.Enum([...limitationEventTypes], { description: 'acknowledgement and partial_payment restart a prescription (C. civ. 2240); court_claim interrupts (2241); rescheduling restarts; formal_notice never interrupts.' }),
  date: Type.String({ format: 'date', description: 'YYYY-MM-DD.' }),
}, { additionalProperties: false });

export const LimitationInputSchema = Type.Object({
  id: Type.Optional(Type.Union([Type.String({ description: 'Caller’s identifier, echoed in the result.' }), Type.Null()])),
  category: Type.Enum([...limitationCategories], { description: 'Debt category; decides the period and its article.' }),
  debtorType: Type.Optional(Type.Union([Type.Enum([...debtorTypes], { description: 'A professional debtor falls under the 5-year rule instead of consumer periods. Default consumer.' }), Type.Null()])),
  dueDate: nullableDate('Date the sum became payable (all categories but consumer_credit and enforceable_title).'),
  firstUnpaidDate: nullableDate('First unpaid instalment not made good (consumer_credit, C. conso R312-35).'),
  titleDate: nullableDate('Date the enforceable title was obtained (enforceable_title, CPCE-exéc L111-4).'),
  events: Type.Optional(Type.Union([Type.Array(LimitationEventSchema, { description: 'Dated events that may interrupt the period.' }), Type.Null()])),
  asOf: Type.String({ format: 'date', description: 'Day on which to judge the status.' }),
}, { additionalProperties: false, description: 'A claim whose limitation date is wanted.' });

export const LimitationOutputSchema = Type.Object({
  id: Type.Optional(Type.String()),
  kind: Type.Enum(['prescription', 'forclusion'], { description: 'A prescription can be interrupted by the debtor’s acknowledgement; a forclusion only by a court claim or a rescheduling.' }),
  startsOn: Type.String({ format: 'date', description: 'First day of the period now running.' }),
  expiresOn: Type.String({ format: 'date', description: 'Last day of the term (C. civ. 2229); time-barred from the next day.' }),
  status: Type.Enum(['running', 'expired'], { description: 'On asOf.' }),
  basis: Type.String({ description: 'Articles applied, e.g. "CPCE-télécom L34-2; C. civ. 2240".' }),
  explanation: Type.Object({ fr: Type.String(), en: Type.String() }, { description: 'Plain-language explanation.' }),
});

export type LimitationInput = Static<typeof LimitationInputSchema>;
export type LimitationOutput = Static<typeof LimitationOutputSchema>;

// Compile-time checks that the schemas and the domain types describe the same shapes.
const claimFits = (input: LimitationInput): LimitationClaim => input;
const eventFits = (event: Static<typeof LimitationEventSchema>): LimitationEvent => event;
const resultFits = (result: LimitationResult): LimitationOutput => result;
void claimFits;
void eventFits;
void resultFits;
