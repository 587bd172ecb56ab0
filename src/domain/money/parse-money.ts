import { cents, type Cents } from './cents.ts';

export interface ParseMoneyOptions {
  /** Refunds and corrections may be negative; a claimed amount never is, so the default refuses. */
  readonly allowNegative?: boolean;
}

// Space-like thousands separators found in French amounts: space, no-break space (U+00A0) and the
// narrow no-break space (U+202F) that Intl and most French software print.
const spaceGroupSeparators = /[ \u00A0\u202F]/u;
const digitsOnly = /^\d+$/;

/**
 * Parses a decimal euro amount to integer cents without ever going through a float:
 * "1234.56", "1 234,56", "1.234,56", "1,234.56", "1234,5", "1234".
 * Refused: empty text, signs other than an allowed leading "-", more than 2 decimals, exponents,
 * letters, a single "." or "," followed by exactly 3 digits ("1,234": 1.234 or 1234?), groups that
 * are not 3 digits, and amounts beyond Number.MAX_SAFE_INTEGER cents.
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): Cents {
  const fail = (why: string): never => {
    throw new RangeError(`invalid amount ${JSON.stringify(text)}: ${why}`);
  };
  let body = text.trim();
  if (body === '') fail('empty');
  let negative = false;
  if (body.startsWith('-')) {
    if (!options.allowNegative) fail('negative amounts are not accepted here');
    negative = true;
    body = body.slice(1);
  }
  const { integerPart, fractionPart } = splitDecimal(body, fail);
  const value = BigInt(integerPart) * 100n + BigInt(fractionPart.padEnd(2, '0'));
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail('too large to be represented exactly');
  const result = Number(value);
  return cents(negative && result !== 0 ? -result : result);
}

interface DecimalParts {
  readonly integerPart: string;
  readonly fractionPart: string;
}

function splitDecimal(body: string, fail: (why: string) => never): DecimalParts {
  const hasSpaceGroups = spaceGroupSeparators.test(body);
  const dots = countOf(body, '.');
  const commas = countOf(body, ',');
  if (hasSpaceGroups && dots > 0 && commas > 0) fail('mixes three kinds of separators');

  let decimalSeparator: '.' | ',' | undefined;
  if (dots > 0 && commas > 0) {
    // Both marks present: the last one is the decimal point and appears once ("1.234,56").
    decimalSeparator = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    if (countOf(body, decimalSeparator) !== 1) fail('the decimal separator appears more than once');
  } else if (dots + commas === 1) {
    decimalSeparator = dots === 1 ? '.' : ',';
  } else if (dots + commas > 1) {
    fail('several decimal separators');
  }

  let integerText = body;
  let fractionPart = '';
  if (decimalSeparator !== undefined) {
    const at = body.lastIndexOf(decimalSeparator);
    integerText = body.slice(0, at);
    fractionPart = body.slice(at + 1);
    if (!digitsOnly.test(fractionPart)) fail('the decimals must be digits');
    if (fractionPart.length === 3 && dots + commas === 1 && !hasSpaceGroups) {
      fail(`ambiguous: "${decimalSeparator}" followed by 3 digits may be a thousands separator`);
    }
    if (fractionPart.length > 2) fail('more than 2 decimals');
  }
  const groupSeparator = hasSpaceGroups ? spaceGroupSeparators : (decimalSeparator === '.' ? ',' : '.');
  const groups = integerText.split(groupSeparator);
  if (groups.length > 1 && !isThousandsGrouping(groups)) fail('thousands groups must have 3 digits');
  const integerPart = groups.join('');
  if (!digitsOnly.test(integerPart)) fail('not a decimal number');
  return { integerPart, fractionPart };
}

function isThousandsGrouping(groups: readonly string[]): boolean {
  return groups.every((group, index) =>
    digitsOnly.test(group) && (index === 0 ? group.length <= 3 : group.length === 3));
}

function countOf(text: string, mark: string): number {
  let count = 0;
  for (const char of text) if (char === mark) count += 1;
  return count;
}
