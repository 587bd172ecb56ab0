export { callPriority, priorityWeights, type Priority, type PriorityFacts, type PriorityReason, type PriorityReasonCode } from './priority.ts';
export {
  callOutcomes, identityFacts, normaliseFact, outcomeEffect, REQUIRED_IDENTITY_FACTS, verifyIdentity,
  type CallOutcome, type IdentityAnswer, type IdentityCheck, type IdentityFact, type IdentityFile, type OutcomeEffect,
} from './call-script.ts';
export { callWindow, type CallWindow } from './call-window.ts';
