/**
 * EPC069-12 "Quick Response code: guidelines to enable data capture for the initiation of a SEPA credit
 * transfer", version 002: the payload banking apps read from the QR code on a letter. Lines are
 * separated by LF; trailing empty optional lines are dropped; the whole payload is at most 331 bytes
 * and the QR code uses error-correction level M (both set by the guidelines).
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Cents } from '../money/index.ts';
import { isValidRfReference } from './rf-reference.ts';

export const EPC_MAX_BYTES = 331;
/** EPC069-12 §3.4: amounts from EUR0.01 to EUR999999999.99. */
export const EPC_MAX_CENTS = 99_999_999_999;

export interface EpcTransfer {
  readonly bic: string | null;
  readonly beneficiaryName: string;
  readonly iban: string;
  readonly amountCents: Cents;
  /** The RF reference, quoted as structured remittance information. */
  readonly rfReference: string;
  /** Free text shown to the payer (beneficiary-to-originator information), ≤ 70 characters. */
  readonly note?: string;
}

/** `EUR1234.56`: integer cents written with string arithmetic, never through a float. */
export function epcAmount(amount: Cents): string {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > EPC_MAX_CENTS) {
    throw new RangeError(`an EPC amount is between 1 and ${EPC_MAX_CENTS} cents, got ${String(amount)}`);
  }
  const digits = String(amount).padStart(3, '0');
  return `EUR${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function epcPayload(transfer: EpcTransfer): string {
  const iban = electronicFormatIBAN(transfer.iban) ?? '';
  if (!isValidIBAN(iban)) throw new RangeError('the beneficiary IBAN is not valid');
  if (transfer.bic !== null && !isValidBIC(transfer.bic)) throw new RangeError('the beneficiary BIC is not valid');
  const name = transfer.beneficiaryName.trim();
  if (name.length === 0 || name.length > 70) throw new RangeError('the beneficiary name is 1 to 70 characters');
  const reference = transfer.rfReference.replace(/ /g, '');
  if (!isValidRfReference(reference)) throw new RangeError(`"${transfer.rfReference}" is not a valid RF reference`);
  const note = transfer.note?.trim() ?? '';
  if (note.length > 70 || /[\n\r]/.test(note)) throw new RangeError('the note is one line of at most 70 characters');
  const lines = [
    'BCD', // service tag
    '002', // version
    '1', // character set: UTF-8
    'SCT', // SEPA credit transfer
    transfer.bic ?? '',
    name,
    iban,
    epcAmount(transfer.amountCents),
    '', // purpose code: none
    reference, // structured remittance information (ISO 11649)
    '', // unstructured remittance: must be empty when a structured one is given
    note,
  ];
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const payload = lines.join('\n');
  const bytes = new TextEncoder().encode(payload).length;
  if (bytes > EPC_MAX_BYTES) throw new RangeError(`the EPC payload is ${bytes} bytes, more than ${EPC_MAX_BYTES}`);
  return payload;
}
