/**
 * The French territories whose calendars and clocks differ (LEGAL_RULES §(c)). Codes follow
 * ISO 3166-2:FR where one exists (FR-57, FR-GP, FR-BL…); 'FR-METRO' (metropolitan France outside
 * Corsica and Alsace-Moselle) and 'FR-COR' (Corsica) are Amiable's own, stable codes.
 */
export const frenchTerritoryCodes = [
  'FR-METRO', 'FR-COR', 'FR-57', 'FR-67', 'FR-68',
  'FR-GP', 'FR-MQ', 'FR-GF', 'FR-RE', 'FR-YT', 'FR-MF', 'FR-BL', 'FR-PM',
] as const;

export type FrenchTerritory = (typeof frenchTerritoryCodes)[number];

/** A French territory, or the ISO 3166-1 alpha-2 code of a debtor's foreign country ('US', 'BE'…). */
export type TerritoryCode = FrenchTerritory | (string & {});

export interface TerritoryInfo {
  readonly name: { readonly fr: string; readonly en: string };
  /** IANA zone, LEGAL_RULES §(c) (checked against the runtime's tz database by the tests). */
  readonly timeZone: string;
  /** ISO 3166-1 code the address and phone metadata use for it. */
  readonly isoCountry: string;
}

const territory = (fr: string, en: string, timeZone: string, isoCountry: string): TerritoryInfo =>
  ({ name: { fr, en }, timeZone, isoCountry });

export const territories: Readonly<Record<FrenchTerritory, TerritoryInfo>> = {
  'FR-METRO': territory('France métropolitaine', 'Metropolitan France', 'Europe/Paris', 'FR'),
  'FR-COR': territory('Corse', 'Corsica', 'Europe/Paris', 'FR'),
  'FR-57': territory('Moselle', 'Moselle', 'Europe/Paris', 'FR'),
  'FR-67': territory('Bas-Rhin', 'Bas-Rhin', 'Europe/Paris', 'FR'),
  'FR-68': territory('Haut-Rhin', 'Haut-Rhin', 'Europe/Paris', 'FR'),
  'FR-GP': territory('Guadeloupe', 'Guadeloupe', 'America/Guadeloupe', 'GP'),
  'FR-MQ': territory('Martinique', 'Martinique', 'America/Martinique', 'MQ'),
  'FR-GF': territory('Guyane', 'French Guiana', 'America/Cayenne', 'GF'),
  'FR-RE': territory('La Réunion', 'Réunion', 'Indian/Reunion', 'RE'),
  'FR-YT': territory('Mayotte', 'Mayotte', 'Indian/Mayotte', 'YT'),
  'FR-MF': territory('Saint-Martin', 'Saint Martin', 'America/Marigot', 'MF'),
  'FR-BL': territory('Saint-Barthélemy', 'Saint Barthélemy', 'America/St_Barthelemy', 'BL'),
  'FR-PM': territory('Saint-Pierre-et-Miquelon', 'Saint Pierre and Miquelon', 'America/Miquelon', 'PM'),
};

const frenchTerritorySet: ReadonlySet<string> = new Set(frenchTerritoryCodes);

/** A set lookup rather than Object.hasOwn: every decision asks, several times. */
export function isFrenchTerritory(code: string): code is FrenchTerritory {
  return frenchTerritorySet.has(code);
}

const territoryByIsoCountry: ReadonlyMap<string, FrenchTerritory> = new Map(
  frenchTerritoryCodes.filter((code) => code !== 'FR-METRO' && territories[code].isoCountry !== 'FR')
    .map((code) => [territories[code].isoCountry, code]),
);

/** 'GP' → 'FR-GP'; 'FR' → 'FR-METRO'; a foreign country → undefined. */
export function territoryOfIsoCountry(isoCountry: string): FrenchTerritory | undefined {
  return isoCountry === 'FR' ? 'FR-METRO' : territoryByIsoCountry.get(isoCountry);
}

/** ISO 3166-1 codes of places where French addresses and postcodes are used. */
export function isFrenchIsoCountry(isoCountry: string): boolean {
  return territoryOfIsoCountry(isoCountry) !== undefined;
}
