export {
  ChannelSchema, ContactAttemptSchema, DecisionSchema, ReasonSchema, SituationSchema, SuspensionSchema,
  type DecisionOutput, type SituationInput,
} from './contact-schemas.ts';
export {
  LimitationEventSchema, LimitationInputSchema, LimitationOutputSchema, type LimitationInput, type LimitationOutput,
} from './limitation-schemas.ts';
export {
  computeLimitationItem, computeLimitations, decideContactItem, decideContacts, type ItemError, type ItemOutcome,
} from './check-items.ts';
export { fieldName, validationMessage } from './validation-message.ts';
