export { decideContact } from './decide-contact.ts';
export { historyHorizon, type HistoryHorizon } from './prepare-situation.ts';
export { contactProfiles, timedChannels, type ContactProfile, type RollingCap, type TimedChannel } from './profiles.ts';
export { describeWindows, profileRules, type ProfileRules } from './rule-catalogue.ts';
export {
  attemptOutcomes, channels, profileIds, purposes, ruleIds, ruleKinds, suspensionKinds,
  type AttemptOutcome, type Bilingual, type Channel, type ContactAttempt, type Decision, type EpochSituation, type InstantInput, type ProfileId, type Purpose,
  type QuietHours, type Reason, type RuleId, type RuleKind, type Situation, type Suspension, type SuspensionKind,
} from './situation.ts';
export { DayPlanMemo, historyLookbackDays, planContactDay, plainDayKey, type DayPlan, type DaySituation } from './plan-day.ts';
