export {
  applyPayment,
  type AllocationOptions, type Application, type Component, type DebtItem, type ItemBalance, type PaymentAllocation,
} from './apply-payment.ts';
