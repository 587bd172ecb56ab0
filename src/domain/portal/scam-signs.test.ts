import { describe, expect, it } from 'vitest';
import { readPastedMessage } from './scam-signs.ts';

describe('readPastedMessage', () => {
  it('finds the verification code of a genuine SMS and no scam sign', () => {
    const reading = readPastedMessage('Amiable Recouvrement : dossier ABC-123, code de vérification K7QM-4XD9. Votre espace : https://portail.amiable.fr');
    expect(reading.codes).toEqual(['K7QM-4XD9']);
    expect(reading.signs).toEqual([]);
  });
  it('spots premium numbers, shortened links, card requests, foreign accounts and pressure', () => {
    const reading = readPastedMessage('DERNIER AVIS avant saisie ! Réglez sous 24h au 08 99 23 45 67 ou sur bit.ly/xY12 avec votre numéro de carte. IBAN LT12 1000 0111 0100 1000');
    expect(reading.signs).toEqual(['premium-rate-number', 'shortened-link', 'card-request', 'foreign-iban', 'pressure']);
  });
  it('does not take ordinary words or numbers for codes', () => {
    expect(readPastedMessage('Bonjour, merci de rappeler le 01 42 68 53 00 demain 2027').codes).toEqual([]);
  });
});
