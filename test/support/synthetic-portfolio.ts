/**
 * Synthetic portfolio files for the exactly-once test and the intake benchmark: realistic rows (names
 * with accents, quoted addresses holding the separator, French amounts, every territory with a phone
 * valid in its numbering plan, e-mails), deterministic for a given seed, written as a stream.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { prng } from '../../src/adapters/db/seed/demo-seed.ts';

const firstNames = ['Camille', 'Louis', 'Inès', 'Hugo', 'Léa', 'Nathan', 'Chloé', 'Yanis', 'Manon', 'Théo', 'Sarah', 'Enzo', 'Zoé', 'Raphaël', 'Anaïs', 'Noé', 'Maëlys', 'Gaël', 'Héloïse', 'Jérôme'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'García', 'Müller', 'N\'Diaye', 'Nguyễn', 'Le Goff', 'Château'];
const streets = ['rue de la République', 'avenue Jean Jaurès', 'place de l\'Église', 'boulevard Victor Hugo', 'chemin des Écoliers', 'allée des Tilleuls'];

interface Place { readonly postcode: string; readonly city: string; readonly mobile: string }
// Mobile prefixes valid in each territory's numbering plan (libphonenumber-js/max); 4 random digits follow… or 6 for France.
const places: readonly Place[] = [
  { postcode: '75011', city: 'Paris', mobile: '0612' }, { postcode: '69003', city: 'Lyon', mobile: '0645' },
  { postcode: '13001', city: 'Marseille', mobile: '0760' }, { postcode: '57000', city: 'Metz', mobile: '0680' },
  { postcode: '67000', city: 'Strasbourg', mobile: '0671' }, { postcode: '20000', city: 'Ajaccio', mobile: '0620' },
  { postcode: '97110', city: 'Pointe-à-Pitre', mobile: '069012' }, { postcode: '97200', city: 'Fort-de-France', mobile: '069612' },
  { postcode: '97300', city: 'Cayenne', mobile: '069412' }, { postcode: '97400', city: 'Saint-Denis', mobile: '069212' },
  { postcode: '97600', city: 'Mamoudzou', mobile: '063969' },
];

export const syntheticHeader = [
  'reference_creancier', 'type_debiteur', 'categorie', 'civilite', 'prenom', 'nom', 'date_de_naissance', 'lieu_de_naissance',
  'reference_contrat', 'principal', 'interets', 'accessoires', 'date_exigibilite', 'date_premier_impaye', 'adresse', 'code_postal', 'ville',
  'telephone', 'courriel',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A date `daysBack` days before `today` ('YYYY-MM-DD'). */
function daysBefore(today: string, daysBack: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - daysBack * 86_400_000).toISOString().slice(0, 10);
}

export interface SyntheticOptions {
  readonly rows: number;
  /** The import date the due dates are chosen against (all claims payable and within limitation). */
  readonly today: string;
  readonly seed?: number;
  /** Every nth row has a negative principal and is refused (0: none). */
  readonly badEvery?: number;
  /** Prefix of the creditor references. */
  readonly referencePrefix?: string;
  /** Principal in cents for row i (default: pseudo-random). */
  readonly principalOf?: (index: number) => number | undefined;
}

export function syntheticRow(i: number, random: () => number, options: SyntheticOptions): string {
  const place = places[i % places.length]!;
  const first = firstNames[Math.floor(random() * firstNames.length)]!;
  const last = lastNames[Math.floor(random() * lastNames.length)]!;
  const credit = i % 5 === 0;
  // Always drawn, so that overriding it keeps every other field identical for the same seed.
  const drawn = 1_000 + Math.floor(random() * 500_000);
  const principal = options.principalOf?.(i) ?? drawn;
  const bad = options.badEvery ? i % options.badEvery === options.badEvery - 1 : false;
  const euros = Math.floor(principal / 100);
  const amount = `"${euros >= 1000 ? `${Math.floor(euros / 1000)} ${pad(euros % 1000, 3)}` : euros},${pad(principal % 100, 2)}"`;
  const due = daysBefore(options.today, 10 + Math.floor(random() * 300));
  const mobileDigits = 10 - place.mobile.length;
  const mobile = `${place.mobile}${pad(Math.floor(random() * 10 ** mobileDigits), mobileDigits)}`;
  const birth = `${1940 + Math.floor(random() * 60)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`;
  const street = `"${1 + Math.floor(random() * 120)}; ${streets[i % streets.length]}"`;
  return [
    `${options.referencePrefix ?? 'SYN'}-${pad(i, 8)}`, 'consommateur', credit ? 'consumer_credit' : 'telecom', i % 2 ? 'M.' : 'Mme', first, `${last}-${i}`,
    birth, place.city, `CT-${pad(i * 7, 9)}`, bad ? `-${amount.replace(/"/g, '')}` : amount, credit ? '12,50' : '0', '0', due,
    credit ? daysBefore(options.today, 30 + Math.floor(random() * 200)) : '', street, place.postcode, place.city, mobile,
    `${first.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${i}@example.org`,
  ].join(';');
}

/** Writes the file as a stream (memory stays flat for millions of rows); returns its size in bytes. */
export async function writeSyntheticPortfolio(file: string, options: SyntheticOptions): Promise<number> {
  const random = prng(options.seed ?? 20261126);
  const out = fs.createWriteStream(file);
  let chunk = `${syntheticHeader.join(';')}\n`;
  for (let i = 0; i < options.rows; i++) {
    chunk += `${syntheticRow(i, random, options)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return fs.statSync(file).size;
}
