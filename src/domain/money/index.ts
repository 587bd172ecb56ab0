export { addCents, cents, isCents, subtractCents, zeroCents, type Cents } from './cents.ts';
export { parseMoney, type ParseMoneyOptions } from './parse-money.ts';
export { formatMoney, type MoneyLocale } from './format-money.ts';
export { allocate, splitEvenly } from './allocate.ts';
