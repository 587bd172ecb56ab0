import { cents, type Cents } from '../money/index.ts';
import { addYears, parseCivilDate, type CivilDate } from '../time/index.ts';

/**
 * The living allowance left to a household is at least the RSA "montant forfaitaire" for its
 * composition: the floor of the "reste à vivre" in the over-indebtedness procedure (C. conso L731-2:
 * the share of resources kept for the household's current expenses "ne peut être inférieure …
 * au montant forfaitaire mentionné au 2° de l'article L. 262-2 du code de l'action sociale et des
 * familles"; R731-1 to R731-3). Amiable never proposes a plan that would leave less.
 *
 * The figure is revalued every 1 April (CASF L262-3) by decree: add a row here each April.
 */
export interface RsaFigure {
  readonly effectiveFrom: CivilDate;
  /** Monthly amount for one person alone, in cents. */
  readonly singlePerson: Cents;
  readonly source: string;
}

export const rsaFigures: readonly RsaFigure[] = [
  // 646,52 € from 1 April 2025 (confirmed in the published decree). The 1 April 2026 revaluation
  // (about +0.9 % was forecast) could not be confirmed when this was written: see docs/rules.md.
  { effectiveFrom: parseCivilDate('2025-04-01'), singlePerson: cents(64652), source: 'Décret n° 2025-293 du 29 mars 2025 (CASF L262-2, L262-3)' },
];

export interface Household {
  /** 1 (single) or 2 (couple). */
  readonly adults: 1 | 2;
  /** Children and other dependants. */
  readonly children: number;
}

/**
 * Household coefficient in tenths (CASF R262-1): +50 % for a second person, +30 % for each of the
 * next dependants, +40 % from the third child on. A single parent's first child is the second person.
 * Gives 1.0, 1.5, 1.8, 2.1… as the CAF tables do.
 */
export function rsaCoefficientTenths(household: Household): number {
  if (household.adults !== 1 && household.adults !== 2) throw new RangeError('household.adults: 1 or 2');
  if (!Number.isSafeInteger(household.children) || household.children < 0 || household.children > 20) {
    throw new RangeError('household.children: a whole number between 0 and 20');
  }
  let tenths = household.adults === 2 ? 15 : 10;
  for (let child = 1; child <= household.children; child += 1) {
    if (child === 1 && household.adults === 1) tenths += 5;
    else if (child <= 2) tenths += 3;
    else tenths += 4;
  }
  return tenths;
}

export interface Affordability {
  /** What the household can pay each month once charges and the living allowance are set aside; never negative. */
  readonly monthlyCapacity: Cents;
  readonly livingAllowance: Cents;
  readonly rsaFigure: RsaFigure;
  readonly coefficientTenths: number;
  /** True when a revaluation was due (1 April) after the figure used: update rsaFigures. */
  readonly figureMayBeOutdated: boolean;
}

/**
 * Monthly capacity = income − charges − living allowance (floored at 0). Charges are the household's
 * fixed costs (housing, energy, insurance, childcare…). The allowance is the RSA amount for the
 * household, rounded up to the cent in the debtor's favour. Setting it aside ON TOP of the charges
 * is more protective than L731-2, whose floor includes housing costs.
 */
export function affordability(income: Cents, charges: Cents, household: Household, asOf: CivilDate | string): Affordability {
  if (!Number.isSafeInteger(income) || income < 0) throw new RangeError('income: a non-negative number of cents');
  if (!Number.isSafeInteger(charges) || charges < 0) throw new RangeError('charges: a non-negative number of cents');
  const day = parseCivilDate(asOf);
  const inForce = [...rsaFigures].reverse().find((figure) => figure.effectiveFrom <= day) ?? (rsaFigures[0] as RsaFigure);
  const coefficientTenths = rsaCoefficientTenths(household);
  const livingAllowance = cents(Math.ceil((inForce.singlePerson * coefficientTenths) / 10));
  return {
    monthlyCapacity: cents(Math.max(0, income - charges - livingAllowance)),
    livingAllowance,
    rsaFigure: inForce,
    coefficientTenths,
    figureMayBeOutdated: day >= addYears(inForce.effectiveFrom, 1) || day < inForce.effectiveFrom,
  };
}
