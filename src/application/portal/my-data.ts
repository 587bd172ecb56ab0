/**
 * "My data" (GDPR Art. 15): every personal datum held about the debtor for this case, each with its
 * source (Art. 15(1)(g), 14(2)(f): creditor file, debtor update, directory lookup…), as JSON and as a
 * PDF made of the same content. Scope: the debtor's identity and contact points, and the case the
 * session is bound to (other creditors' cases are not shown on a portal session of one case: a wrong
 * identity match must never disclose another person's debt; a full access request covers them).
 */
import type { LetterDocument, Block } from '../../domain/letters/document.ts';
import { formatMoney } from '../../domain/money/format-money.ts';
import { cents } from '../../domain/money/index.ts';
import { notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import { readMyCase, type MyCase } from './read-my-case.ts';
import type { DebtorActor, PortalDeps } from './portal-deps.ts';

export interface PersonalDatum {
  readonly field: string;
  readonly value: string;
  readonly source: string;
}

export interface MyData {
  readonly generatedAt: string;
  readonly controller: { readonly name: string; readonly dpo: string | null };
  readonly identity: readonly PersonalDatum[];
  readonly contactPoints: readonly PersonalDatum[];
  readonly case: MyCase;
  readonly purposes: string;
  readonly retention: string;
}

function describeSource(fieldSources: Readonly<Record<string, unknown>>, field: string): string {
  const fs = fieldSources as { fields?: Record<string, string>; sources?: Record<string, { kind?: string; fileName?: string; at?: string }> };
  const ref = fs.fields?.[field];
  const source = ref ? fs.sources?.[ref] : undefined;
  if (source) return [source.kind ?? 'creditor_file', source.fileName, source.at?.slice(0, 10)].filter(Boolean).join(' · ');
  return 'creditor_file';
}

export async function collectMyData(deps: Pick<PortalDeps, 'uow' | 'clock' | 'messaging'>, actor: DebtorActor): Promise<MyData> {
  const kase = await readMyCase(deps, actor);
  const { row, points } = await deps.uow.run(async (repos) => ({
    row: await repos.portal.myCase(actor.creditorId, actor.caseId),
    points: await repos.portal.contactPoints(actor.debtorId),
  }));
  if (!row) throw notFound('Case');
  const d = row.debtor;
  const identity: PersonalDatum[] = [];
  const add = (field: string, value: string | null) => {
    if (value) identity.push({ field, value, source: describeSource(d.fieldSources, field) });
  };
  add('civility', d.civility);
  add('firstName', d.firstName);
  add('lastName', d.lastName);
  add('birthName', d.birthName);
  add('birthDate', d.birthDate);
  add('birthPlace', d.birthPlace);
  add('companyName', d.companyName);
  const agency = deps.messaging.agency.profile;
  return {
    generatedAt: deps.clock.now().toISOString(),
    controller: { name: agency ? `${agency.name} ${agency.legalForm}` : 'Amiable', dpo: agency?.dpoContact ?? null },
    identity,
    contactPoints: points.map((p) => ({
      field: p.kind, value: p.value,
      source: [p.sourceKind, p.sourceLabel, p.sourceAt.toISOString().slice(0, 10)].filter(Boolean).join(' · '),
    })),
    case: kase,
    purposes: 'Amicable collection of the claim on behalf of the creditor (GDPR Art. 6(1)(f)).',
    retention: 'Until the case is closed, then archived for the applicable limitation period.',
  };
}

/** The same content as a printable document (rendered by the letter renderer). */
export function myDataDocument(data: MyData, locale: 'fr' | 'en'): LetterDocument {
  const fr = locale === 'fr';
  const money = (amount: number) => formatMoney(cents(amount), locale);
  const blocks: Block[] = [
    { kind: 'paragraph', text: fr
      ? 'Copie des données personnelles vous concernant (RGPD art. 15), avec leur source (art. 14(2)(f)).'
      : 'Copy of the personal data about you (GDPR Art. 15), with their source (Art. 14(2)(f)).' },
    { kind: 'heading', text: fr ? 'Identité' : 'Identity' },
    { kind: 'fields', rows: data.identity.map((i) => ({ label: i.field, value: `${i.value} — ${fr ? 'source' : 'source'} : ${i.source}` })) },
    { kind: 'heading', text: fr ? 'Coordonnées' : 'Contact details' },
    { kind: 'fields', rows: data.contactPoints.map((i) => ({ label: i.field, value: `${i.value} — source : ${i.source}` })) },
    { kind: 'heading', text: fr ? 'Dossier' : 'Case' },
    { kind: 'fields', rows: [
      { label: fr ? 'Référence' : 'Reference', value: data.case.reference },
      { label: fr ? 'Créancier' : 'Creditor', value: `${data.case.creditor.legalName}, ${data.case.creditor.address.join(', ')}` },
      { label: fr ? 'Fondement' : 'Basis', value: [data.case.basis.contractRef, data.case.basis.date].filter(Boolean).join(' — ') || '—' },
      { label: fr ? 'Principal' : 'Principal', value: money(data.case.amounts.principalCents) },
      { label: fr ? 'Intérêts' : 'Interest', value: money(data.case.amounts.interestCents) },
      { label: fr ? 'Accessoires' : 'Accessories', value: money(data.case.amounts.accessoriesCents) },
      { label: fr ? 'Déjà payé' : 'Paid', value: money(data.case.amounts.paidCents) },
      { label: fr ? 'Reste dû' : 'Balance', value: money(data.case.amounts.balanceCents) },
    ] },
    { kind: 'heading', text: fr ? 'Contacts' : 'Contacts' },
    { kind: 'fields', rows: data.case.contacts.length
      ? data.case.contacts.map((c) => ({ label: c.at.toISOString().slice(0, 16).replace('T', ' '), value: `${c.channel} ${c.address ?? ''} ${c.verificationCode ? `(code ${c.verificationCode})` : ''}`.trim() }))
      : [{ label: '—', value: fr ? 'aucun' : 'none' }] },
    { kind: 'heading', text: fr ? 'Paiements' : 'Payments' },
    { kind: 'fields', rows: data.case.payments.length
      ? data.case.payments.map((p) => ({ label: p.valueDate, value: `${money(p.amountCents)} (${p.method})` }))
      : [{ label: '—', value: fr ? 'aucun' : 'none' }] },
    { kind: 'paragraph', small: true, text: fr
      ? `Responsable du traitement : ${data.controller.name}. Délégué à la protection des données : ${data.controller.dpo ?? '—'}. Finalité : recouvrement amiable pour le compte du créancier (intérêt légitime, RGPD art. 6(1)(f)). Conservation : jusqu'à la clôture du dossier, puis archivage pendant la durée de prescription. Vous pouvez demander la rectification, l'effacement (sous réserve de l'art. 17(3)(e)), la limitation, vous opposer, et saisir la CNIL.`
      : `Controller: ${data.controller.name}. Data-protection officer: ${data.controller.dpo ?? '—'}. Purpose: amicable collection for the creditor (legitimate interest, GDPR Art. 6(1)(f)). Retention: until the case is closed, then archived for the limitation period. You may ask for rectification, erasure (subject to Art. 17(3)(e)), restriction, object, and complain to the CNIL.` },
  ];
  return {
    channel: 'letter', template: 'my-data', locale, title: fr ? 'Vos données personnelles' : 'Your personal data',
    sender: [data.controller.name], recipient: [data.case.debtorName], dateLine: civilDateInParis(new Date(data.generatedAt)),
    blocks, footer: `${data.controller.name} · ${data.case.reference}`,
  };
}
