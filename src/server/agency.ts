/**
 * The agency profile (identity, callback number, client-funds account) comes from configuration: one
 * agency per deployment, reviewed like the rest of the configuration and validated at boot (IBAN and
 * BIC checksums, a callback number that is geographic or free). Production has no defaults; while a
 * value is missing, no letter or message can be sent and the problem names the variables to set.
 */
import { electronicFormatIBAN } from 'ibantools';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { AgencySettings } from '../application/messaging/messaging-deps.ts';
import type { Config } from './config.ts';

const required = {
  AMIABLE_AGENCY_NAME: 'agencyName', AMIABLE_AGENCY_LEGAL_FORM: 'agencyLegalForm', AMIABLE_AGENCY_REGISTRATION: 'agencyRegistration',
  AMIABLE_AGENCY_ADDRESS: 'agencyAddress', AMIABLE_AGENCY_POSTCODE: 'agencyPostcode', AMIABLE_AGENCY_CITY: 'agencyCity',
  AMIABLE_AGENCY_PHONE: 'agencyPhone', AMIABLE_AGENCY_COMPLAINTS_EMAIL: 'agencyComplaintsEmail', AMIABLE_AGENCY_IBAN: 'agencyIban',
  AMIABLE_AGENCY_BIC: 'agencyBic', AMIABLE_AGENCY_ACCOUNT_HOLDER: 'agencyAccountHolder', AMIABLE_AGENCY_DPO: 'agencyDpo',
  AMIABLE_AGENCY_MEDIATOR: 'agencyMediator',
} as const satisfies Record<string, keyof Config>;

export function agencySettings(config: Config): AgencySettings {
  const missing = Object.entries(required).filter(([, key]) => !config[key]).map(([name]) => name);
  if (missing.length > 0) return { profile: null, missing };
  const portalUrl = config.portalUrl ?? config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  return {
    missing: [],
    profile: {
      name: config.agencyName!, legalForm: config.agencyLegalForm!, registration: config.agencyRegistration!,
      addressLines: config.agencyAddress!.split(';').map((l) => l.trim()).filter(Boolean), postcode: config.agencyPostcode!, city: config.agencyCity!,
      phone: parsePhoneNumberFromString(config.agencyPhone!, 'FR')!.number, complaintsEmail: config.agencyComplaintsEmail!,
      iban: electronicFormatIBAN(config.agencyIban!)!, bic: config.agencyBic!.toUpperCase(), accountHolder: config.agencyAccountHolder!,
      dpoContact: config.agencyDpo!, mediator: config.agencyMediator!, portalUrl, role: config.agencyRole,
    },
  };
}
