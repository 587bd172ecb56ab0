/**
 * Letters any consumer can send to a collector or creditor ("Know your rights" letter generator):
 * dispute, documents request, GDPR access, erasure, stop calling, complaint. Pure: a form in, a
 * letter document out (rendered to PDF by the letter renderer). Each letter cites what it relies on.
 */
import type { Block, LetterDocument } from '../letters/document.ts';

export const rightsLetterKinds = ['dispute', 'documents-request', 'gdpr-access', 'erasure', 'stop-calls', 'complaint'] as const;
export type RightsLetterKind = (typeof rightsLetterKinds)[number];

export interface RightsLetterInput {
  readonly kind: RightsLetterKind;
  readonly locale: 'fr' | 'en';
  /** Civil date of the letter. */
  readonly date: string;
  readonly sender: { readonly name: string; readonly address: readonly string[] };
  readonly recipient: { readonly name: string; readonly address: readonly string[] };
  readonly reference?: string | null;
  readonly details?: string | null;
}

interface Body { readonly title: string; readonly paragraphs: readonly string[]; readonly basis: string }

function body(input: RightsLetterInput): Body {
  const fr = input.locale === 'fr';
  const ref = input.reference ? (fr ? ` (référence ${input.reference})` : ` (reference ${input.reference})`) : '';
  switch (input.kind) {
    case 'dispute':
      return fr ? {
        title: 'Contestation de créance', basis: 'C. civ. art. 1353 ; CPCE-exéc R124-4 3° ; RGPD art. 18(1)(a)',
        paragraphs: [
          `Je conteste la créance que vous me réclamez${ref}.`,
          'Il appartient à celui qui réclame l’exécution d’une obligation de la prouver (Code civil, art. 1353). Je vous demande de suspendre toute démarche de recouvrement tant que vous ne m’avez pas communiqué les pièces justifiant le fondement et le montant détaillé de la somme réclamée (CPCE-exéc R124-4 3°), et de limiter le traitement de mes données pendant cette vérification (RGPD art. 18(1)(a)).',
        ],
      } : {
        title: 'Dispute of the claim', basis: 'French Civil Code art. 1353; CPCE-exéc R124-4 3°; GDPR Art. 18(1)(a)',
        paragraphs: [
          `I dispute the claim you are pursuing${ref}.`,
          'Whoever claims performance of an obligation must prove it (Civil Code art. 1353). Please suspend all collection steps until you have sent me the documents proving the basis and the itemised amount of the sum claimed (CPCE-exéc R124-4 3°), and restrict the processing of my data while this is checked (GDPR Art. 18(1)(a)).',
        ],
      };
    case 'documents-request':
      return fr ? {
        title: 'Demande de justificatifs', basis: 'CPCE-exéc R124-4 3° ; C. civ. art. 1353 ; RGPD art. 15',
        paragraphs: [
          `Concernant la somme que vous me réclamez${ref}, je vous demande de me communiquer : le contrat ou la facture à l’origine de la créance, le décompte détaillé (principal, intérêts, accessoires), et, si la créance a été cédée, l’acte de cession et sa notification (C. civ. art. 1324).`,
          'Dans l’attente, je vous demande de ne plus me téléphoner.',
        ],
      } : {
        title: 'Request for documents', basis: 'CPCE-exéc R124-4 3°; Civil Code art. 1353; GDPR Art. 15',
        paragraphs: [
          `Regarding the sum you are claiming${ref}, please send me: the contract or invoice the claim comes from, the itemised statement (principal, interest, charges) and, if the claim was assigned, the deed of assignment and its notification (Civil Code art. 1324).`,
          'Until then, please do not call me.',
        ],
      };
    case 'gdpr-access':
      return fr ? {
        title: 'Demande d’accès à mes données personnelles', basis: 'RGPD art. 15 et 12(3)',
        paragraphs: [
          `En application de l’article 15 du RGPD, je vous demande la copie de toutes les données personnelles me concernant que vous traitez${ref}, avec leurs finalités, leurs destinataires, leur durée de conservation et leur source (art. 15(1)(g)), y compris les enregistrements d’appels.`,
          'Vous disposez d’un mois à compter de la réception de cette demande pour y répondre (RGPD art. 12(3)).',
        ],
      } : {
        title: 'Request for access to my personal data', basis: 'GDPR Art. 15 and 12(3)',
        paragraphs: [
          `Under Article 15 GDPR, please send me a copy of all personal data about me that you process${ref}, with the purposes, recipients, retention period and source (Art. 15(1)(g)), including call recordings.`,
          'You have one month from receipt of this request to answer (GDPR Art. 12(3)).',
        ],
      };
    case 'erasure':
      return fr ? {
        title: 'Demande d’effacement de mes données', basis: 'RGPD art. 17 et 12(3)',
        paragraphs: [
          `En application de l’article 17 du RGPD, je vous demande d’effacer les données personnelles me concernant${ref}.`,
          'Si vous estimez devoir en conserver une partie pour la constatation, l’exercice ou la défense de droits en justice (art. 17(3)(e)), merci de m’indiquer lesquelles, pour quelle durée, et d’effacer les autres. Réponse attendue sous un mois (art. 12(3)).',
        ],
      } : {
        title: 'Request to erase my data', basis: 'GDPR Art. 17 and 12(3)',
        paragraphs: [
          `Under Article 17 GDPR, please erase the personal data about me${ref}.`,
          'If you consider you must keep some of it for the establishment, exercise or defence of legal claims (Art. 17(3)(e)), tell me which, for how long, and erase the rest. Answer expected within one month (Art. 12(3)).',
        ],
      };
    case 'stop-calls':
      return fr ? {
        title: 'Demande de cesser les appels', basis: 'C. conso L121-7 3° ; C. pén. 222-16 ; RGPD art. 21',
        paragraphs: [
          `Je vous demande de cesser immédiatement de me téléphoner au sujet de la somme réclamée${ref}. Je ne souhaite être contacté(e) que par écrit.`,
          'Des sollicitations répétées et non souhaitées constituent une pratique commerciale agressive (Code de la consommation, L121-7 3°) ; des appels malveillants réitérés sont un délit (Code pénal, 222-16). Je m’oppose au traitement de mon numéro de téléphone à cette fin (RGPD art. 21).',
        ],
      } : {
        title: 'Request to stop calling', basis: 'C. conso L121-7 3°; Criminal Code 222-16; GDPR Art. 21',
        paragraphs: [
          `Please stop calling me at once about the sum claimed${ref}. I wish to be contacted in writing only.`,
          'Repeated and unwanted solicitations are an aggressive commercial practice (Consumer Code L121-7 3°); repeated malicious calls are an offence (Criminal Code 222-16). I object to the processing of my phone number for this purpose (GDPR Art. 21).',
        ],
      };
    case 'complaint':
      return fr ? {
        title: 'Réclamation', basis: 'C. conso L612-1 (médiation) ; RGPD art. 77 (CNIL)',
        paragraphs: [
          `Je vous adresse une réclamation concernant le recouvrement de la somme réclamée${ref}.`,
          'À défaut de réponse satisfaisante sous deux mois, je saisirai le médiateur de la consommation dont vous relevez (Code de la consommation, L612-1), et je signale que je peux également m’adresser à la DGCCRF (SignalConso) et, pour mes données, à la CNIL.',
        ],
      } : {
        title: 'Complaint', basis: 'C. conso L612-1 (mediation); GDPR Art. 77 (CNIL)',
        paragraphs: [
          `I am making a complaint about the collection of the sum claimed${ref}.`,
          'Failing a satisfactory answer within two months, I will refer the matter to the consumer mediator you have joined (Consumer Code L612-1); I may also report it to the DGCCRF (SignalConso) and, for my data, to the CNIL.',
        ],
      };
  }
}

export function rightsLetter(input: RightsLetterInput): LetterDocument {
  const fr = input.locale === 'fr';
  const b = body(input);
  const blocks: Block[] = [
    ...(input.reference ? [{ kind: 'fields' as const, rows: [{ label: fr ? 'Référence' : 'Reference', value: input.reference }] }] : []),
    { kind: 'paragraph', text: fr ? 'Madame, Monsieur,' : 'Dear Sir or Madam,' },
    ...b.paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
    ...(input.details?.trim() ? [{ kind: 'paragraph' as const, text: input.details.trim().slice(0, 3000) }] : []),
    { kind: 'paragraph', text: fr ? 'Je vous prie d’agréer, Madame, Monsieur, mes salutations distinguées.' : 'Yours faithfully,' },
    { kind: 'paragraph', text: input.sender.name },
    { kind: 'paragraph', small: true, text: fr ? `Fondement : ${b.basis}. Lettre à envoyer de préférence en recommandé avec accusé de réception ; gardez-en une copie.` : `Basis: ${b.basis}. Preferably send by registered letter with acknowledgement of receipt; keep a copy.` },
  ];
  return {
    channel: 'letter', template: `rights-${input.kind}`, locale: input.locale, title: b.title,
    sender: [input.sender.name, ...input.sender.address], recipient: [input.recipient.name, ...input.recipient.address],
    dateLine: fr ? `Le ${input.date}` : `On ${input.date}`, blocks, footer: b.title,
  };
}
