export { findRfReference } from './find-rf-reference.ts';
export { autoBookThreshold, payerNameKeys, rankCandidates, scoreCandidate, type MatchCandidate, type ScoredCandidate } from './match-confidence.ts';
export { knownReturnReasonCodes, returnReason, type ReturnReason } from './return-reasons.ts';
