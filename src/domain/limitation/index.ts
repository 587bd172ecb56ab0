export {
  debtorTypes, limitationCategories, limitationEventTypes, limitationPeriods,
  type DebtorType, type LimitationCategory, type LimitationEventType, type LimitationPeriodRule,
} from './limitation-rules.ts';
export { limitation, type Bilingual, type LimitationClaim, type LimitationEvent, type LimitationResult } from './limitation.ts';
