import { describe, expect, it } from 'vitest';
import { cents } from '../money/index.ts';
import type { Block, EmailDocument, LetterDocument, MessageDocument, SmsDocument } from './document.ts';
import { lintDocument, type LintFinding } from './lint.ts';
import { r1244Mentions } from './mentions.ts';
import { templates, templateIds, type TemplateChannel, type TemplateContext, type TemplateId } from './templates/index.ts';
import { sampleContext, sampleLaterContext } from './templates/sample-context.ts';

const contextFor = (id: TemplateId) => (id === 'first-letter' ? sampleContext : sampleLaterContext);
const build = (id: TemplateId, channel: TemplateChannel, ctx: TemplateContext = contextFor(id)) => templates[id].build(ctx, channel);
const lint = (id: TemplateId, document: MessageDocument, ctx: TemplateContext = contextFor(id)) => lintDocument(document, { template: templates[id], context: ctx });
const rules = (findings: readonly LintFinding[]) => findings.map((f) => f.rule);

function letter(id: TemplateId, ctx?: TemplateContext): LetterDocument {
  const document = build(id, 'letter', ctx);
  if (document.channel !== 'letter') throw new Error('expected a letter');
  return document;
}
const withBlocks = (document: LetterDocument, blocks: readonly Block[]): LetterDocument => ({ ...document, blocks });
const appendParagraph = (document: LetterDocument, text: string) => withBlocks(document, [...document.blocks, { kind: 'paragraph', text }]);

describe('every template, in every channel and language, passes the linter with a complete context', () => {
  for (const id of templateIds) {
    for (const channel of templates[id].channels) {
      for (const locale of ['fr', 'en'] as const) {
        it(`${id} / ${channel} / ${locale}`, () => {
          const ctx = { ...contextFor(id), locale };
          expect(lint(id, build(id, channel, ctx), ctx)).toEqual([]);
        });
      }
    }
  }
});

describe('R124-4 mentions (R124-7 makes each omission an offence)', () => {
  it.each(r1244Mentions.map((m) => [m]))('refuses a first letter without the mention "%s", naming R124-4 and R124-7', (mention) => {
    const document = letter('first-letter');
    const stripped = withBlocks(document, document.blocks.filter((b) => !b.mentions?.includes(mention)));
    const findings = lint('first-letter', stripped);
    const found = findings.find((f) => f.mention === mention);
    expect(found).toMatchObject({ rule: 'r124-4-mention', source: expect.stringMatching(/R124-4.*R124-7/) });
    expect(found!.message.fr).toMatch(/Mention absente/);
  });

  it('refuses the L111-8 text altered by a single character', () => {
    const document = letter('first-letter');
    const altered = withBlocks(document, document.blocks.map((b) => (b.kind === 'paragraph' && b.fixed && b.mentions?.includes('l111-8-text')
      ? { ...b, text: b.text.replace('réputée non écrite', 'réputée non-écrite') } : b)));
    expect(lint('first-letter', altered)).toEqual([expect.objectContaining({ rule: 'r124-4-mention', mention: 'l111-8-text' })]);
  });

  it('refuses a first letter for a case whose basis (contract and date) is unknown', () => {
    const ctx = { ...sampleContext, claim: { ...sampleContext.claim, basisRef: null } };
    expect(lint('first-letter', letter('first-letter', ctx), ctx)).toEqual([expect.objectContaining({ mention: 'claim-basis' })]);
  });

  it('refuses amounts that are not shown separately or do not add up', () => {
    const document = letter('first-letter');
    const merged = withBlocks(document, document.blocks.map((b) => (b.kind === 'amounts' ? { ...b, rows: b.rows.filter((r) => r.part !== 'interest') } : b)));
    expect(lint('first-letter', merged)).toEqual([expect.objectContaining({ mention: 'claim-amounts' })]);
  });

  it('refuses a first letter whose GDPR notice omits the source of the data, or without the access code', () => {
    const noSource = { ...sampleContext, dataSources: [{ label: 'Annuaire inversé Exemple', date: '2026-06-01' }] };
    expect(lint('first-letter', letter('first-letter'), noSource)).toEqual([expect.objectContaining({ rule: 'required-mention', mention: 'gdpr-notice', source: expect.stringMatching(/14/) })]);
    const noCode = { ...sampleContext, accessCode: null };
    expect(lint('first-letter', letter('first-letter', noCode), noCode)).toEqual([expect.objectContaining({ mention: 'portal-access' })]);
  });
});

describe('misleading or threatening wording (C. conso L121-2, L132-2)', () => {
  it.each([
    ['Un huissier passera chez vous.', 'huissier'],
    ['Votre dossier sera transmis à un commissaire de justice.', 'commissaire de justice'],
    ['Nous procéderons à une saisie sur salaire.', 'saisie'],
    ['Vous recevrez une injonction de payer.', 'injonction'],
    ['Le tribunal sera saisi.', 'tribunal'],
    ['Vous serez inscrit au fichage Banque de France.', 'fichage Banque de France'],
    ['Votre dossier passe au service contentieux.', 'contentieux'],
    ['A bailiff will visit you.', 'bailiff'],
    ['We will apply for a court order.', 'court order'],
    ['Your wages face seizure.', 'seizure'],
  ])('refuses "%s"', (sentence, term) => {
    const findings = lint('reminder', appendParagraph(letter('reminder'), sentence));
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'misleading-wording', message: expect.objectContaining({ fr: expect.stringContaining(term) }) }));
  });

  it('allows what the sender\'s role makes true, and only that', () => {
    const officer = { ...sampleLaterContext, agency: { ...sampleLaterContext.agency, role: 'commissaire_de_justice' as const } };
    expect(lint('reminder', appendParagraph(letter('reminder', officer), 'Maître Dupont, commissaire de justice.'), officer)).toEqual([]);
    expect(rules(lint('reminder', appendParagraph(letter('reminder', officer), 'Une saisie suivra.'), officer))).toEqual(['misleading-wording']);
    const bank = { ...sampleLaterContext, creditor: { ...sampleLaterContext.creditor, isCreditInstitution: true } };
    expect(lint('reminder', appendParagraph(letter('reminder', bank), 'Un incident pourra être déclaré au FICP.'), bank)).toEqual([]);
  });

  it('does not lint the verbatim L111-8 text (it mentions the enforcement judge by law)', () => {
    expect(lint('first-letter', letter('first-letter'))).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('refuses a premium-rate or shared-cost number anywhere in the text', () => {
    expect(rules(lint('reminder', appendParagraph(letter('reminder'), 'Appelez le 08 99 23 45 67.')))).toEqual(['premium-rate-number']);
    expect(rules(lint('reminder', appendParagraph(letter('reminder'), 'Appelez le 0810 12 34 56.')))).toEqual(['premium-rate-number']);
  });

  it('refuses a callback number that is neither geographic nor free', () => {
    const ctx = { ...sampleLaterContext, agency: { ...sampleLaterContext.agency, phone: '+33899234567' } };
    expect(rules(lint('reminder', letter('reminder', ctx), ctx))).toEqual(expect.arrayContaining(['premium-rate-number', 'callback-number-type']));
  });
});

describe('links in SMS and e-mails', () => {
  const sms = build('reminder', 'sms') as SmsDocument;
  const email = build('reminder', 'email') as EmailDocument;

  it('accepts the portal and e-mail addresses, refuses any other host and names shorteners', () => {
    expect(lint('reminder', sms)).toEqual([]);
    const other = lint('reminder', { ...sms, text: `${sms.text} https://paiement-rapide.example.com/x` });
    expect(other).toEqual([expect.objectContaining({ rule: 'link-not-portal', message: expect.objectContaining({ en: expect.stringContaining('paiement-rapide.example.com') }) })]);
    const short = lint('reminder', { ...email, paragraphs: [...email.paragraphs, { text: 'Payez ici : bit.ly/3xYz' }] });
    expect(short).toEqual([expect.objectContaining({ rule: 'link-not-portal', message: expect.objectContaining({ en: expect.stringContaining('URL shortener') }) })]);
    expect(lint('reminder', { ...email, paragraphs: [...email.paragraphs, { text: 'Écrivez à contact@autre.example.org' }] })).toEqual([]);
  });
});

describe('every message after the first letter quotes its reference and date (R124-4, last paragraph)', () => {
  it.each([['letter'], ['sms'], ['email']] as const)('refuses a %s reminder when no first letter is known', (channel) => {
    const ctx = { ...sampleLaterContext, firstLetter: null };
    expect(lint('reminder', build('reminder', channel, ctx), ctx)).toContainEqual(expect.objectContaining({ rule: 'notice-reference', source: expect.stringContaining('R124-4') }));
  });

  it('refuses a message quoting another letter\'s reference', () => {
    const quoted = { ...sampleLaterContext, firstLetter: { reference: 'LR-OTHER', date: '2027-02-01' } };
    expect(rules(lint('reminder', build('reminder', 'email', quoted)))).toEqual(['notice-reference']);
  });

  it('refuses an SMS or e-mail without its verification code', () => {
    const ctx = { ...sampleLaterContext, verificationCode: null };
    expect(lint('reminder', build('reminder', 'sms', ctx), ctx)).toEqual([expect.objectContaining({ mention: 'verification-code' })]);
  });
});

describe('amounts and payment', () => {
  it('refuses a collection-fee line (L111-8 al. 2)', () => {
    const document = letter('first-letter');
    const withFee = withBlocks(document, document.blocks.map((b) => (b.kind === 'amounts'
      ? { ...b, rows: [...b.rows, { label: 'Frais de recouvrement', part: 'accessories' as const, amount: cents(1500), text: '15,00 €' }] } : b)));
    expect(rules(lint('first-letter', withFee))).toContain('collection-fees');
  });

  it('refuses a letter asking for payment without a payment block, or with a QR payload for another account', () => {
    const document = letter('reminder');
    expect(rules(lint('reminder', withBlocks(document, document.blocks.filter((b) => b.kind !== 'payment'))))).toEqual(['payment-block']);
    const tampered = withBlocks(document, document.blocks.map((b) => (b.kind === 'payment' ? { ...b, epcPayload: b.epcPayload.replace('FR7630006000011234567890189', 'FR7630004000031234567890143') } : b)));
    expect(rules(lint('reminder', tampered))).toEqual(['payment-block']);
  });

  it('refuses a demand for payment in a time-barred notice', () => {
    const reminderBlocks = letter('reminder').blocks.filter((b) => b.kind === 'payment' || b.mentions?.includes('payment-demand'));
    const notice = letter('time-barred-notice');
    expect(rules(lint('time-barred-notice', withBlocks(notice, [...notice.blocks, ...reminderBlocks])))).toEqual(['time-barred-demand']);
  });
});

describe('random identifiers never read as phone numbers', () => {
  it('lints clean whatever the case id, RF reference and access code (property)', async () => {
    const fc = (await import('fast-check')).default;
    const { rfReferenceForCase } = await import('./rf-reference.ts');
    const code = fc.stringMatching(/^[0-9]{4}-[0-9]{4}-[0-9]{4}$/);
    fc.assert(fc.property(fc.uuid({ version: 7 }), code, (caseId, accessCode) => {
      const ctx = { ...sampleContext, accessCode, claim: { ...sampleContext.claim, caseId, rfReference: rfReferenceForCase(caseId) } };
      expect(lint('first-letter', letter('first-letter', ctx), ctx)).toEqual([]);
    }), { numRuns: 150 });
  });

  it('still finds a premium-rate number written next to them', () => {
    const ctx = { ...sampleContext, accessCode: '0899-2345-6701' };
    expect(rules(lint('first-letter', appendParagraph(letter('first-letter', ctx), 'Ou appelez le 08 99 23 45 67.'), ctx))).toEqual(['premium-rate-number']);
  });
});
