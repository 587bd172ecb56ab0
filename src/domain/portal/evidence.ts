/**
 * Evidence a debtor uploads (dispute, documents): only PDF, JPEG and PNG, recognised by their first
 * bytes — the declared content type and the file name are not trusted — and at most 10 MiB each.
 * Signatures: PDF "%PDF-" (ISO 32000-1 §7.5.2), JPEG SOI FF D8 FF (ITU-T T.81 B.1.1.3), PNG's 8-byte
 * signature (ISO/IEC 15948 §5.2).
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const evidenceMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceMediaType = (typeof evidenceMediaTypes)[number];

const signatures: readonly { readonly type: EvidenceMediaType; readonly bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The media type the first bytes prove, or null. */
export function sniffEvidenceType(head: Uint8Array): EvidenceMediaType | null {
  for (const signature of signatures) {
    if (head.length >= signature.bytes.length && signature.bytes.every((byte, i) => head[i] === byte)) return signature.type;
  }
  return null;
}

export function extensionOf(type: EvidenceMediaType): string {
  switch (type) {
    case 'application/pdf': return 'pdf';
    case 'image/jpeg': return 'jpg';
    case 'image/png': return 'png';
  }
}
