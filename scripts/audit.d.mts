/** Types of scripts/audit.mjs, for its unit test. */
export interface AllowlistEntry { id: string; package: string; reason: string; expires: string }
export interface Finding { package: string; severity: string; title: string; id: string; range: string; reason?: string; expires?: string }
export type Classification =
  | { status: 'unreachable'; detail: string }
  | { status: 'clean' | 'vulnerable'; findings: Finding[]; allowed: Finding[]; expired: Finding[] };
export const exitCodes: { clean: 0; vulnerable: 1; badAllowlist: 2; unreachable: 3 };
export function readAllowlist(json: unknown): AllowlistEntry[];
export function classify(report: unknown, allowlist: readonly AllowlistEntry[], today: string): Classification;
