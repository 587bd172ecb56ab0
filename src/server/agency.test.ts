import { describe, expect, it } from 'vitest';
import { agencySettings } from './agency.ts';
import { demoAgency, loadConfig } from './config.ts';

describe('the agency profile', () => {
  it('defaults to the demo agency outside production, with the portal at PUBLIC_URL', () => {
    const settings = agencySettings(loadConfig({ PUBLIC_URL: 'https://amiable.example.fr' }));
    expect(settings.missing).toEqual([]);
    expect(settings.profile).toMatchObject({ name: demoAgency.AMIABLE_AGENCY_NAME, iban: 'FR7630006000011234567890189', phone: '+33142685300', portalUrl: 'https://amiable.example.fr', role: 'amicable_collector' });
  });

  it('has no default in production: every missing variable is named, and nothing can be sent', () => {
    const settings = agencySettings(loadConfig({ NODE_ENV: 'production' }));
    expect(settings.profile).toBeNull();
    expect(settings.missing).toEqual(Object.keys(demoAgency));
    const complete = agencySettings(loadConfig({ NODE_ENV: 'production', ...demoAgency, AMIABLE_AGENCY_ADDRESS: '1 rue A; Bâtiment B' }));
    expect(complete.profile?.addressLines).toEqual(['1 rue A', 'Bâtiment B']);
  });

  it('refuses at boot an invalid IBAN or BIC, and a callback number that is premium rate or shared cost', () => {
    expect(() => loadConfig({ AMIABLE_AGENCY_IBAN: 'FR7630006000011234567890188', AMIABLE_AGENCY_BIC: 'NOPE' })).toThrow(/AMIABLE_AGENCY_IBAN is not a valid IBAN[\s\S]*AMIABLE_AGENCY_BIC is not a valid BIC/);
    expect(() => loadConfig({ AMIABLE_AGENCY_PHONE: '0899234567' })).toThrow(/AMIABLE_AGENCY_PHONE must be a valid geographic or free number \(never premium rate\), got PREMIUM_RATE/);
    expect(() => loadConfig({ AMIABLE_AGENCY_PHONE: '0810123456' })).toThrow(/got SHARED_COST/);
    expect(agencySettings(loadConfig({ AMIABLE_AGENCY_PHONE: '0800 123 456' })).profile?.phone).toBe('+33800123456');
  });

  it('needs every OVHcloud credential when SMS_PROVIDER=ovh, and only then', () => {
    expect(() => loadConfig({ SMS_PROVIDER: 'ovh', OVH_APPLICATION_KEY: 'ak' })).toThrow(/OVH_APPLICATION_SECRET is required when SMS_PROVIDER=ovh/);
    expect(loadConfig({}).smsProvider).toBe('catcher');
    expect(() => loadConfig({ SMS_PROVIDER: 'twilio' })).toThrow(/SMS_PROVIDER must be catcher or ovh/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
  });
});
