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

export const territories: Readonly<Record<FrenchTerritory, TerritoryInfo>> = {
  'FR-METRO': { name: { fr: 'France métropolitaine', en: 'Metropolitan France' }, timeZone: 'Europe/Paris', isoCountry: 'FR' },
  'FR-COR': { name: { fr: 'Corse', en: 'Corsica' }, timeZone: 'Europe/Paris', isoCountry: 'FR' },
  'FR-57': { name: { fr: 'Moselle', en: 'Moselle' }, timeZone: 'Europe/Paris', isoCountry: 'FR' },
  'FR-67': { name: { fr: 'Bas-Rhin', en: 'Bas-Rhin' }, timeZone: 'Europe/Paris', isoCountry: 'FR' },
  'FR-68': { name: { fr: 'Haut-Rhin', en: 'Haut-Rhin' }, timeZone: 'Europe/Paris', isoCountry: 'FR' },
  'FR-GP': { name: { fr: 'Guadeloupe', en: 'Guadeloupe' }, timeZone: 'America/Guadeloupe', isoCountry: 'GP' },
  'FR-MQ': { name: { fr: 'Martinique', en: 'Martinique' }, timeZone: 'America/Martinique', isoCountry: 'MQ' },
  'FR-GF': { name: { fr: 'Guyane', en: 'French Guiana' }, timeZone: 'America/Cayenne', isoCountry: 'GF' },
  'FR-RE': { name: { fr: 'La Réunion', en: 'Réunion' }, timeZone: 'Indian/Reunion', isoCountry: 'RE' },
  'FR-YT': { name: { fr: 'Mayotte', en: 'Mayotte' }, timeZone: 'Indian/Mayotte', isoCountry: 'YT' },
  'FR-MF': { name: { fr: 'Saint-Martin', en: 'Saint Martin' }, timeZone: 'America/Marigot', isoCountry: 'MF' },
  'FR-BL': { name: { fr: 'Saint-Barthélemy', en: 'Saint Barthélemy' }, timeZone: 'America/St_Barthelemy', isoCountry: 'BL' },
  'FR-PM': { name: { fr: 'Saint-Pierre-et-Miquelon', en: 'Saint Pierre and Miquelon' }, timeZone: 'America/Miquelon', isoCountry: 'PM' },
};

export function isFrenchTerritory(code: string): code is FrenchTerritory {
  return Object.hasOwn(territories, code);
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
