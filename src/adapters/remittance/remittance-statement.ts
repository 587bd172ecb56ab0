/**
 * A remittance statement as CSV (`;`-separated, as French spreadsheets expect; amounts both in integer
 * cents and in euros with a decimal comma; text cells spreadsheet-safe) and as PDF (pdfkit, Roboto).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import type { RemittanceEntryRow, RemittanceRecord } from '../../application/ports/remittances.ts';
import { formatMoney, cents } from '../../domain/money/index.ts';
import { spreadsheetSafe } from '../csv/spreadsheet-safe.ts';

const fontDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pdf', 'fonts');

/** -123456 → "-1234,56": exact, from integer cents. */
export function eurosText(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const abs = Math.abs(amountCents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

const rate = (bps: number) => `${Math.floor(bps / 100)},${String(bps % 100).padStart(2, '0')} %`;

export function remittanceCsv(remittance: RemittanceRecord, items: readonly RemittanceEntryRow[]): string {
  const rows: string[][] = [['section', 'date', 'case_reference', 'payment_id', 'kind', 'method', 'mandate', 'commission_rate_bps', 'amount_cents', 'amount_eur']];
  for (const item of items) {
    rows.push(['payment', item.valueDate, spreadsheetSafe(item.creditorReference), item.paymentId, item.kind, item.method, spreadsheetSafe(item.mandateReference ?? ''),
      String(item.commissionBps), String(item.amountCents), eurosText(item.amountCents)]);
  }
  for (const line of remittance.summary) {
    const mandate = spreadsheetSafe(line.mandateReference ?? '');
    rows.push(['mandate_collected', '', '', '', '', '', mandate, String(line.commissionBps), String(line.collectedCents), eurosText(line.collectedCents)]);
    rows.push(['mandate_direct', '', '', '', '', '', mandate, String(line.commissionBps), String(line.directCents), eurosText(line.directCents)]);
    rows.push(['mandate_reversed', '', '', '', '', '', mandate, String(line.commissionBps), String(line.reversedCents), eurosText(line.reversedCents)]);
    rows.push(['mandate_commission', '', '', '', '', '', mandate, String(line.commissionBps), String(line.commissionCents), eurosText(line.commissionCents)]);
  }
  for (const [label, amount] of [['total_collected', remittance.collectedCents], ['total_direct', remittance.directCents], ['total_reversed', remittance.reversedCents],
    ['total_commission', remittance.commissionCents], ['total_payable', remittance.payableCents]] as const) {
    rows.push([label, remittance.periodTo, '', '', '', '', '', '', String(amount), eurosText(amount)]);
  }
  return stringify(rows, { delimiter: ';', record_delimiter: '\n' });
}

export function remittancePdf(remittance: RemittanceRecord, items: readonly RemittanceEntryRow[], agencyName: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Relevé de reversement ${remittance.periodFrom} – ${remittance.periodTo}`, Author: agencyName } });
  doc.registerFont('regular', path.join(fontDir, 'Roboto-Regular.ttf'));
  doc.registerFont('medium', path.join(fontDir, 'Roboto-Medium.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (c: number) => formatMoney(cents(c), 'fr').replace(/\u202f/g, '\u00a0');
  doc.font('medium').fontSize(16).text('Relevé de reversement');
  doc.font('regular').fontSize(10).moveDown(0.5)
    .text(`${agencyName} — pour ${remittance.creditorName}`)
    .text(`Période du ${remittance.periodFrom} au ${remittance.periodTo} · relevé ${remittance.id}`)
    .text(remittance.status === 'paid' ? `Reversé le ${remittance.paidOn}` : 'À reverser (CPCE-exéc R124-6 : dans le mois de l’encaissement effectif)');
  doc.moveDown();
  doc.font('medium').fontSize(11).text('Par mandat');
  doc.font('regular').fontSize(9);
  for (const line of remittance.summary) {
    doc.text(`${line.mandateReference ?? 'Sans mandat'} (commission ${rate(line.commissionBps)}) : encaissé ${money(line.collectedCents)}, reçu directement par le créancier ${money(line.directCents)}, `
      + `rejeté ${money(line.reversedCents)}, base ${money(line.netCents)}, commission ${money(line.commissionCents)}`);
  }
  doc.moveDown();
  doc.font('medium').fontSize(11).text('Totaux');
  doc.font('regular').fontSize(10)
    .text(`Encaissé par l’agence : ${money(remittance.collectedCents)}`)
    .text(`Reçu directement par le créancier : ${money(remittance.directCents)}`)
    .text(`Paiements rejetés : ${money(remittance.reversedCents)}`)
    .text(`Commission : ${money(remittance.commissionCents)}`);
  doc.font('medium').text(`Montant à reverser : ${money(remittance.payableCents)}`);
  doc.moveDown();
  doc.font('medium').fontSize(11).text(`Paiements (${items.length})`);
  doc.font('regular').fontSize(8);
  for (const item of items) {
    doc.text(`${item.valueDate}  ${item.creditorReference}  ${item.kind === 'reversal' ? 'rejet' : 'encaissement'}  ${item.method}  ${money(item.amountCents)}`);
  }
  doc.end();
  return done;
}
