/**
 * The import file's columns (docs/import-format.md): one canonical English key per column, the French
 * and English names accepted in a header, the maximum length, and which columns a file must have.
 * Repeatable columns (phones, e-mails, postal addresses) take a suffix `_2`, `_3`: `phone`, `phone_2`,
 * `telephone_3`, `postcode_2`, `code_postal_2`…
 */

export type ColumnKind = 'text' | 'date' | 'money' | 'enum';

export interface ColumnSpec {
  readonly key: string;
  readonly kind: ColumnKind;
  /** Longest accepted value, in characters (after trimming). */
  readonly maxLength: number;
  /** Accepted header names besides the key, French first (normalised: see normaliseHeader). */
  readonly aliases: readonly string[];
  readonly description: { readonly en: string; readonly fr: string };
}

const text = (key: string, maxLength: number, aliases: string[], en: string, fr: string): ColumnSpec =>
  ({ key, kind: 'text', maxLength, aliases, description: { en, fr } });
const date = (key: string, aliases: string[], en: string, fr: string): ColumnSpec =>
  ({ key, kind: 'date', maxLength: 10, aliases, description: { en, fr } });
const money = (key: string, aliases: string[], en: string, fr: string): ColumnSpec =>
  ({ key, kind: 'money', maxLength: 32, aliases, description: { en, fr } });

/** Single-valued columns. */
export const singleColumns: readonly ColumnSpec[] = [
  text('creditor_reference', 64, ['reference_creancier', 'ref_creancier', 'reference_dossier', 'reference'], 'The creditor\'s own reference of the claim (unique per creditor).', 'Référence de la créance chez le créancier (unique par créancier).'),
  { key: 'debtor_type', kind: 'enum', maxLength: 32, aliases: ['type_debiteur', 'type_de_debiteur'], description: { en: 'consumer or professional.', fr: 'consommateur (particulier) ou professionnel.' } },
  { key: 'category', kind: 'enum', maxLength: 32, aliases: ['categorie', 'categorie_creance'], description: { en: 'The rule engine\'s claim category.', fr: 'Catégorie de créance du moteur de règles.' } },
  text('civility', 16, ['civilite'], 'M., Mme (also Monsieur, Madame, Mr, Mrs, Ms).', 'M., Mme (aussi Monsieur, Madame, Mr, Mrs, Ms).'),
  text('first_name', 100, ['prenom'], 'First name(s).', 'Prénom(s).'),
  text('last_name', 100, ['nom', 'nom_usage', 'nom_d_usage'], 'Last name (name in use).', 'Nom (nom d\'usage).'),
  text('birth_name', 100, ['nom_de_naissance', 'nom_naissance'], 'Birth name, if different.', 'Nom de naissance, s\'il diffère.'),
  date('birth_date', ['date_de_naissance', 'date_naissance'], 'Birth date.', 'Date de naissance.'),
  text('birth_place', 100, ['lieu_de_naissance', 'lieu_naissance'], 'Birth place (town).', 'Lieu de naissance (commune).'),
  text('company_name', 200, ['raison_sociale', 'denomination', 'societe'], 'Company name (professional debtor).', 'Raison sociale (débiteur professionnel).'),
  text('company_registration', 32, ['siren', 'siret', 'immatriculation', 'numero_immatriculation'], 'Registration number (SIREN/SIRET…).', 'Numéro d\'immatriculation (SIREN/SIRET…).'),
  text('contract_reference', 64, ['reference_contrat', 'contrat', 'fondement'], 'Basis: contract reference.', 'Fondement : référence du contrat.'),
  date('contract_date', ['date_contrat', 'date_du_contrat'], 'Basis: contract date.', 'Fondement : date du contrat.'),
  money('principal', ['montant_principal'], 'Principal in euros (> 0).', 'Principal en euros (> 0).'),
  money('interest', ['interets', 'interets_contractuels', 'contractual_interest'], 'Contractual interest in euros (≥ 0).', 'Intérêts contractuels en euros (≥ 0).'),
  money('accessories', ['accessoires', 'autres_accessoires', 'other_accessories'], 'Other accessories in euros (≥ 0).', 'Autres accessoires en euros (≥ 0).'),
  money('collection_fees', ['frais_de_recouvrement', 'frais_recouvrement'], 'Collection fees in euros (≥ 0; refused on a consumer without enforceable title, CPCE-exéc L111-8).', 'Frais de recouvrement en euros (≥ 0 ; refusés pour un consommateur sans titre exécutoire, CPCE-exéc L111-8).'),
  money('total', ['montant_total', 'total_amount'], 'Optional check: principal + interest + accessories + fees.', 'Contrôle facultatif : principal + intérêts + accessoires + frais.'),
  date('due_date', ['date_exigibilite', 'date_echeance', 'echeance'], 'Date the sum became payable.', 'Date d\'exigibilité.'),
  date('first_unpaid_date', ['date_premier_impaye', 'premier_impaye'], 'First unpaid instalment not made good (consumer credit).', 'Premier incident de paiement non régularisé (crédit à la consommation).'),
  date('last_payment_date', ['date_dernier_paiement', 'dernier_paiement'], 'Date of the debtor\'s last (part) payment.', 'Date du dernier paiement (partiel) du débiteur.'),
  date('acknowledgement_date', ['date_reconnaissance_dette', 'date_reconnaissance'], 'Date the debtor acknowledged the debt.', 'Date de la reconnaissance de dette.'),
  date('title_date', ['date_titre_executoire', 'date_titre', 'enforceable_title_date'], 'Date of the enforceable title.', 'Date du titre exécutoire.'),
  date('assignment_date', ['date_cession'], 'Purchased debt: date of the assignment.', 'Créance cédée : date de la cession.'),
  date('assignment_notified_date', ['date_notification_cession', 'assignment_notified_on'], 'Purchased debt: date the debtor was notified (C. civ. 1324).', 'Créance cédée : date de notification au débiteur (C. civ. 1324).'),
  text('document_refs', 1000, ['references_documents', 'documents', 'pieces'], 'Document references, separated by |.', 'Références des pièces, séparées par |.'),
];

/** Repeatable columns: the first has no suffix, the next ones `_2`, `_3`. */
export const repeatableColumns: readonly (ColumnSpec & { readonly group: 'phone' | 'email' | 'address'; readonly max: number })[] = [
  { ...text('phone', 32, ['telephone', 'tel', 'portable', 'mobile'], 'Phone number (national or +international).', 'Téléphone (national ou +international).'), group: 'phone', max: 3 },
  { ...text('email', 254, ['courriel', 'e_mail', 'mail', 'adresse_email'], 'E-mail address.', 'Adresse électronique.'), group: 'email', max: 3 },
  { ...text('address_line1', 200, ['adresse', 'adresse_ligne1', 'adresse_ligne_1', 'address'], 'Street address.', 'Adresse (numéro et voie).'), group: 'address', max: 2 },
  { ...text('address_line2', 200, ['adresse_ligne2', 'adresse_ligne_2', 'complement_adresse', 'complement'], 'Address complement.', 'Complément d\'adresse.'), group: 'address', max: 2 },
  { ...text('postcode', 16, ['code_postal', 'cp', 'postal_code', 'zip'], 'Postcode (5 digits in France).', 'Code postal (5 chiffres en France).'), group: 'address', max: 2 },
  { ...text('city', 100, ['ville', 'commune', 'localite'], 'Town.', 'Commune.'), group: 'address', max: 2 },
  { ...text('country', 64, ['pays', 'code_pays', 'country_code'], 'ISO 3166-1 country code, default FR.', 'Code pays ISO 3166-1, FR par défaut.'), group: 'address', max: 2 },
];

export const maxPhones = 3;
export const maxEmails = 3;
export const maxAddresses = 2;

/** Columns every CSV header must have (an either-or group is listed as "a|b"). */
export const requiredColumnGroups: readonly (readonly string[])[] = [
  ['creditor_reference'], ['debtor_type'], ['category'], ['last_name', 'company_name'], ['principal'], ['due_date'],
  ['address_line1'], ['postcode'], ['city'],
];

/** 'Date de naissance' → 'date_de_naissance'; 'E-mail 2' → 'e_mail_2'; 'Téléphone' → 'telephone'. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

const specByName = new Map<string, ColumnSpec>();
for (const spec of [...singleColumns, ...repeatableColumns]) {
  for (const name of [spec.key, ...spec.aliases]) specByName.set(name, spec);
}
const repeatableByKey = new Map(repeatableColumns.map((spec) => [spec.key, spec]));

/** A column the import understands: canonical key, with `_2`, `_3` for the repeated ones. */
export interface ResolvedColumn {
  readonly key: string;
  readonly spec: ColumnSpec;
}

/** Maps one header cell to its column, or null when the name is not recognised. */
export function resolveColumn(headerCell: string): ResolvedColumn | null {
  const name = normaliseHeader(headerCell);
  const direct = specByName.get(name);
  if (direct) return { key: direct.key, spec: direct };
  const suffixed = /^(.+)_(\d)$/.exec(name);
  if (!suffixed) return null;
  const base = specByName.get(suffixed[1]!);
  const index = Number(suffixed[2]);
  const repeatable = base ? repeatableByKey.get(base.key) : undefined;
  if (!base || !repeatable || index < 2 || index > repeatable.max) return null;
  return { key: `${base.key}_${index}`, spec: base };
}

export interface HeaderMapping {
  /** For each header position, the canonical key, or null for an ignored column. */
  readonly keys: readonly (string | null)[];
  readonly ignored: readonly string[];
  /** Required columns (or groups, "a|b") missing from the header. */
  readonly missing: readonly string[];
  /** Canonical keys given by more than one header cell. */
  readonly duplicated: readonly string[];
}

export function mapHeader(header: readonly string[]): HeaderMapping {
  const keys: (string | null)[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const cell of header) {
    const resolved = resolveColumn(cell);
    if (!resolved) {
      keys.push(null);
      if (cell.trim() !== '') ignored.push(cell);
      continue;
    }
    if (seen.has(resolved.key)) duplicated.push(resolved.key);
    seen.add(resolved.key);
    keys.push(resolved.key);
  }
  const missing = requiredColumnGroups.filter((group) => !group.some((key) => seen.has(key))).map((group) => group.join('|'));
  return { keys, ignored, missing, duplicated };
}
