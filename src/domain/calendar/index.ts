export { easterSundayEpochDay } from './easter.ts';
export { normalizePhone, territoryFromPhone, territoryOfParsedPhone } from './phone-territory.ts';
export { territoryFromPostcode } from './postcode.ts';
export {
  nationalHolidays, publicHolidayOn, publicHolidays, regionalHolidays, type HolidayRule, type PublicHoliday,
} from './public-holidays.ts';
export { resolveTerritory, type DebtorLocation, type ResolvedLocation } from './resolve-territory.ts';
export {
  frenchTerritoryCodes, isFrenchIsoCountry, isFrenchTerritory, territories, territoryOfIsoCountry,
  type FrenchTerritory, type TerritoryCode, type TerritoryInfo,
} from './territories.ts';
