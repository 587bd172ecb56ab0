/**
 * Acceptance (issue #5): the rendered first letter, read back by independent tools — poppler's
 * pdftotext and pdftoppm, and zbar's zbarimg (Debian poppler-utils, zbar-tools) — says every R124-4
 * mention and the exact L111-8 paragraphs, and its QR code is a valid EPC payment.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isValidBIC, isValidIBAN } from 'ibantools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LetterDocument } from '../../domain/letters/document.ts';
import { templates } from '../../domain/letters/templates/index.ts';
import { sampleContext } from '../../domain/letters/templates/sample-context.ts';
import { PdfkitLetterRenderer } from './pdfkit.letter-renderer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-letter-'));
const pdf = path.join(dir, 'first.pdf');
let text = '';
/** The table of amounts is read in layout mode, where each row keeps its label and amount together. */
let layoutText = '';
const squash = (s: string) => s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();

beforeAll(async () => {
  const letter = templates['first-letter'].build(sampleContext, 'letter') as LetterDocument;
  fs.writeFileSync(pdf, await new PdfkitLetterRenderer().renderOne(letter));
  text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
  layoutText = squash(execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** ISO 7064 MOD 97-10 written again here, independently of the code under test. */
function rfCheckDigitsValid(reference: string): boolean {
  const rearranged = reference.slice(4) + reference.slice(0, 4);
  const digits = [...rearranged].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return BigInt(digits) % 97n === 1n;
}

describe('the first letter as a PDF', () => {
  it('is A4 with its fonts embedded', () => {
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/Roboto.*\byes\s+yes\s+yes\b/);
  });

  it('says every R124-4 mention, in words a reader finds in the extracted text', () => {
    const c = sampleContext;
    const expected = [
      // 1° collector identity, address and activity
      'Amiable Recouvrement SAS', '10 rue de la Paix, 75002 Paris', 'exerce une activité de recouvrement amiable',
      // 2° creditor identity and address
      'Horizon Télécom SA, 45 avenue de France, 75013 Paris',
      // 3° basis and amounts shown separately, no collection fees
      // 4° demand to pay and payment terms
      'Nous vous demandons de régler la somme de 1 251,90 € au plus tard le 16 mars 2027', 'par virement', 'RF18 5390 0754 7034',
      // GDPR Art. 14 with the source; portal and access code; callback number; complaint channels
      'Source des données : Horizon Télécom SA, fichier « impayés mai 2026 »', 'dpo@amiable.example', 'CNIL',
      'https://portail.amiable.example', c.accessCode!, '01 42 68 53 00', 'SignalConso', 'médiateur de la consommation',
    ];
    for (const phrase of expected) expect(text, phrase).toContain(squash(phrase));
    // Two-column rows (basis, amounts, the letter's reference and date: R124-4 3° and last paragraph).
    for (const row of [`Fondement de la créance : contrat n° ${c.claim.basisRef} du 15 mars 2024`, `Référence de ce courrier : ${c.reference}`,
      'Date de ce courrier : 1er mars 2027', 'Principal 1 234,56 €', 'Intérêts 12,34 €', 'Autres accessoires 5,00 €', 'Total dû 1 251,90 €']) expect(layoutText, row).toContain(row);
    expect(text).toContain('Lefèvre-Œuvray');
    expect(text).not.toMatch(/frais de recouvrement\s*\d/i);
  });

  it('reproduces paragraphs 2 and 3 of L111-8 exactly (LEGAL_RULES.md row 3c)', () => {
    const paragraph2 = 'Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s\'ils concernent un acte dont l\'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire.';
    const paragraph3 = 'Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l\'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.';
    const normalised = text.replace(/[’]/g, '\'');
    expect(normalised).toContain(`${paragraph2} ${paragraph3}`);
  });

  it('carries a QR code that a real decoder reads as a valid EPC069-12 payment with a valid IBAN and RF reference', () => {
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'))!;
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', '-Sqrcode.enable', path.join(dir, png)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\n$/, '');
    const lines = decoded.split('\n');
    expect(lines.slice(0, 4)).toEqual(['BCD', '002', '1', 'SCT']);
    expect(isValidBIC(lines[4]!)).toBe(true);
    expect(lines[5]).toBe(sampleContext.agency.accountHolder);
    expect(isValidIBAN(lines[6]!)).toBe(true);
    expect(lines[7]).toBe('EUR1251.90');
    expect(lines[9]).toMatch(/^RF\d{2}[0-9A-Z]{1,21}$/);
    expect(rfCheckDigitsValid(lines[9]!)).toBe(true);
    expect(lines[10]).toBe('');
    expect(Buffer.byteLength(decoded, 'utf8')).toBeLessThanOrEqual(331);
  });

  it('stays the same when later documents reuse the layout, font subset and font file remembered from earlier ones', async () => {
    const renderer = new PdfkitLetterRenderer();
    const render = async (name: string, displayName: string) => {
      const letter = templates['first-letter'].build({ ...sampleContext, debtor: { ...sampleContext.debtor, displayName } }, 'letter') as LetterDocument;
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, await renderer.renderOne(letter));
      execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(dir, `img-${name}`)]);
      const pages = fs.readdirSync(dir).filter((f) => f.startsWith(`img-${name}-`)).sort().map((f) => fs.readFileSync(path.join(dir, f)));
      return { pages, text: squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })), fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }) };
    };
    const first = await render('a1', 'Mme Camille Lefèvre-Œuvray');
    // Glyphs outside the seeded subset (Vietnamese, Greek): a subset and a font file of its own.
    const other = await render('b', 'M. Nguyễn Văn Ωmega');
    const again = await render('a2', 'Mme Camille Lefèvre-Œuvray');
    expect(first.text).toContain('Mme Camille Lefèvre-Œuvray');
    expect(other.text).toContain('M. Nguyễn Văn Ωmega');
    expect(other.text).not.toContain('Lefèvre');
    for (const fonts of [first.fonts, other.fonts, again.fonts]) expect(fonts).toMatch(/Roboto-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(again.text).toBe(first.text);
    expect(again.pages.length).toBe(2);
    again.pages.forEach((page, i) => expect(page.equals(first.pages[i]!), `page ${i + 1}`).toBe(true));
  });
});
