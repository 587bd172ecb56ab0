/**
 * The litigation bundle as a ZIP (yazl): `resume.pdf` (pdfkit, Roboto embedded for accents and €),
 * `historique.csv`, `paiements.csv`, `documents.csv` (the manifest with each file's SHA-256) and
 * `documents/…`. CSV cells are made spreadsheet-safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import yazl from 'yazl';
import type { DocumentReader, LitigationBundleWriter } from '../../application/ports/litigation-bundle.ts';
import type { CaseFile, PaymentRecord } from '../../application/ports/payment-repository.ts';
import { formatAmount } from '../../domain/letters/format.ts';
import { cents } from '../../domain/money/index.ts';
import { csvRows } from '../csv/spreadsheet-safe.ts';

const fontDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pdf', 'fonts');

function euros(amount: number): string {
  return formatAmount(cents(amount), 'fr').replace(/\u202f/g, '\u00a0');
}

export function summaryPdf(file: CaseFile, payments: readonly PaymentRecord[], generatedAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Dossier ${file.creditorReference} — transmission au contentieux` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('R', path.join(fontDir, 'Roboto-Regular.ttf'));
    doc.registerFont('M', path.join(fontDir, 'Roboto-Medium.ttf'));
    doc.font('M').fontSize(16).text('Transmission au contentieux');
    doc.font('R').fontSize(10).text(`Dossier ${file.creditorReference} · ${file.creditorName} · établi le ${generatedAt.toISOString().slice(0, 10)}`);
    doc.moveDown();
    const total = file.principalCents + file.interestCents + file.accessoriesCents;
    const rows: [string, string][] = [
      ['Débiteur', file.debtorName], ['Adresse', file.debtorAddress ?? '—'], ['Nature de la créance', file.category],
      ['Contrat', file.basisContractRef ?? '—'], ['Exigible depuis', file.dueDate], ['Prescription', file.limitationExpiresOn ?? '—'],
      ['Principal', euros(file.principalCents)], ['Intérêts', euros(file.interestCents)], ['Accessoires', euros(file.accessoriesCents)],
      ['Payé', euros(file.paidCents)], ['Remis', euros(file.waivedCents)], ['Reste dû', euros(Math.max(0, total - file.paidCents - file.waivedCents))],
      ['Ouvert le', file.openedAt.toISOString().slice(0, 10)], ['Statut', file.status],
    ];
    for (const [label, value] of rows) doc.font('M').text(`${label} : `, { continued: true }).font('R').text(value);
    doc.moveDown().font('M').fontSize(12).text('Paiements');
    doc.font('R').fontSize(9);
    if (payments.length === 0) doc.text('Aucun paiement.');
    for (const p of payments) doc.text(`${p.valueDate}  ${euros(p.amountCents)}  ${p.method}  ${p.status === 'reversed' ? `annulé (${p.reversalReason ?? ''})` : ''}`);
    doc.moveDown().font('M').fontSize(12).text('Historique (extrait)');
    doc.font('R').fontSize(8);
    for (const e of file.events.slice(-40)) doc.text(`${e.at.toISOString().slice(0, 16).replace('T', ' ')}  ${e.type}`);
    doc.end();
  });
}

function zipToBuffer(zip: yazl.ZipFile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export class ZipLitigationBundleWriter implements LitigationBundleWriter {
  async write(input: { file: CaseFile; payments: readonly PaymentRecord[]; documents: readonly { name: string; content: Buffer }[]; generatedAt: Date }): Promise<Buffer> {
    const { file, payments, documents, generatedAt } = input;
    const zip = new yazl.ZipFile();
    const mtime = generatedAt;
    zip.addBuffer(await summaryPdf(file, payments, generatedAt), 'resume.pdf', { mtime });
    zip.addBuffer(Buffer.from(csvRows([
      ['at', 'type', 'actor_kind', 'actor_id', 'data'],
      ...file.events.map((e) => [e.at.toISOString(), e.type, e.actorKind, e.actorId ?? '', JSON.stringify(e.data)]),
    ], ';'), 'utf8'), 'historique.csv', { mtime });
    zip.addBuffer(Buffer.from(csvRows([
      ['payment_id', 'value_date', 'amount_cents', 'currency', 'method', 'source', 'external_ref', 'status', 'interest_cents', 'accessories_cents', 'principal_cents', 'unapplied_cents', 'reversal_reason'],
      ...payments.map((p) => {
        const part = (c: string) => String(p.allocation.applications.filter((a) => a.component === c).reduce((s, a) => s + a.amount, 0));
        return [p.id, p.valueDate, String(p.amountCents), p.currency, p.method, p.source, p.externalRef ?? '', p.status, part('interest'), part('accessories'), part('principal'), String(p.allocation.unappliedCents), p.reversalReason ?? ''];
      }),
    ], ';'), 'utf8'), 'paiements.csv', { mtime });
    zip.addBuffer(Buffer.from(csvRows([
      ['document_id', 'kind', 'file_name', 'media_type', 'sha256', 'included'],
      ...file.documents.map((d) => [d.id, d.kind, d.fileName, d.mediaType, d.sha256, documents.some((x) => x.name === `${d.id}-${d.fileName}`) ? 'yes' : 'no']),
    ], ';'), 'utf8'), 'documents.csv', { mtime });
    for (const doc of documents) zip.addBuffer(doc.content, `documents/${doc.name.replace(/[/\\]/g, '_')}`, { mtime });
    const done = zipToBuffer(zip);
    zip.end();
    return done;
  }
}

/** Documents stored as files under a directory, by storage key (the documents adapter of issue #8 may replace it). */
export class FileDocumentReader implements DocumentReader {
  constructor(private readonly root: string) {}
  async read(storageKey: string): Promise<Buffer | null> {
    const target = path.resolve(this.root, storageKey);
    if (!target.startsWith(path.resolve(this.root) + path.sep)) return null;
    try {
      return await fs.promises.readFile(target);
    } catch {
      return null;
    }
  }
}
