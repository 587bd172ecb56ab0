/** The agents' back office API (issue #6): worklist, case file, calls, arrangements, decisions, KPIs. */
import { api } from './client.ts';

export interface Bilingual { fr: string; en: string }
export interface Reason { rule: string; kind: string; citation: string; message: Bilingual }

export interface WorklistItem {
  caseId: string;
  creditorName: string;
  debtorName: string;
  creditorReference: string;
  status: string;
  balanceCents: number;
  priority: number;
  reasons: { code: string; points: number; message: Bilingual }[];
  window: { until: string | null; callsLeft: number | null; message: Bilingual };
  debtorLocalTime: string;
  debtorTimeZone: string;
  territory: string;
  assignedToMe: boolean;
}

export interface ChannelCompliance {
  channel: 'call' | 'sms' | 'email' | 'letter';
  allowed: boolean;
  reasons: Reason[];
  nextAllowedAt: string | null;
  localTime: string | null;
  timeZone: string | null;
  problem: 'no-contact-point' | 'unreadable' | null;
}

export interface TimelineEntry { at: string; kind: 'event' | 'attempt' | 'message' | 'payment'; type: string; id: string; actor: string | null; data: Record<string, unknown> }

export interface CaseFile {
  raw: {
    kase: {
      id: string; creditorName: string; creditorReference: string; category: string; status: string; principalCents: number; interestCents: number;
      accessoriesCents: number; collectionFeesCents: number; paidCents: number; waivedCents: number; dueDate: string; basisContractRef: string | null;
      basisDate: string | null; rfReference: string | null; noticeSentAt: string | null; limitationKind: string | null; limitationExpiresOn: string | null;
      documentRefs: string[] | null;
    };
    debtor: { civility: string | null; firstName: string | null; lastName: string | null; birthName: string | null; birthDate: string | null; birthPlace: string | null; companyName: string | null };
    contactPoints: { id: string; kind: string; value: string; status: string; isPrimary: boolean; sourceKind: string; sourceLabel: string | null; sourceAt: string; validFrom: string; validUntil: string | null }[];
    documents: { id: string; kind: string; fileName: string; mediaType: string; sizeBytes: number; createdAt: string }[];
    promises: { id: string; amountCents: number; dueOn: string; status: string }[];
    plans: { id: string; status: string; totalCents: number; frequency: string; instalments: { number: number; dueOn: string; amountCents: number }[] }[];
    settlements: { id: string; status: string; amountCents: number; dueOn: string }[];
    suspensions: { id: string; kind: string; fromAt: string; reason: string | null; resolvedAt: string | null; resolution: string | null }[];
  };
  eventCount?: number;
  balanceCents: number;
  totalCents: number;
  timeline: TimelineEntry[];
  compliance: ChannelCompliance[];
  limitation: { kind: string | null; expiresOn: string | null; daysLeft: number | null; status: 'unknown' | 'running' | 'soon' | 'expired' };
  mandate: { reference: string | null; maxPlanMonths: number; minInstalmentCents: number; maxDiscountBps: number; interestWaiverAllowed: boolean; graceDays: number };
  readOnly: boolean;
  at: string;
}

export type IdentityFact = 'birth_date' | 'postcode' | 'birth_place' | 'contract_reference' | 'email';
export type CallOutcome = 'no_answer' | 'voicemail' | 'wrong_number' | 'third_party' | 'conversation' | 'refused_to_talk' | 'promise' | 'plan'
  | 'settlement_request' | 'dispute' | 'documents_requested' | 'hardship' | 'over_indebtedness' | 'deceased';
export const callOutcomes: CallOutcome[] = ['no_answer', 'voicemail', 'wrong_number', 'third_party', 'conversation', 'refused_to_talk', 'promise', 'plan',
  'settlement_request', 'dispute', 'documents_requested', 'hardship', 'over_indebtedness', 'deceased'];
export const disclosingOutcomes: CallOutcome[] = ['conversation', 'promise', 'plan', 'settlement_request', 'dispute', 'documents_requested', 'hardship', 'over_indebtedness'];

export interface PlanBody {
  frequency: 'weekly' | 'biweekly' | 'monthly';
  count: number;
  firstDueOn: string;
  totalCents?: number;
  budget?: { incomeCents: number; chargesCents: number; adults: 1 | 2; children: number } | null;
  reason?: string | null;
}

export interface PlanPreview {
  balanceCents: number;
  totalCents: number;
  instalments: { dueOn: string; amountCents: number }[];
  violations: { rule: string; message: Bilingual }[];
  affordability: { monthlyCapacity: number; livingAllowance: number; monthlyInstalmentCents: number; exceedsCapacity: boolean } | null;
  needsApproval: boolean;
}

export interface Approval {
  kind: 'plan' | 'settlement'; id: string; caseId: string; creditorReference: string; debtorName: string; balanceCents: number; totalCents: number;
  instalmentCount: number; firstDueOn: string; lastDueOn: string; violations: { rule: string; message: Bilingual }[]; reason: string | null; requestedAt: string;
}

export interface OpenSuspension { id: string; caseId: string; kind: string; fromAt: string; reason: string | null; creditorReference: string; debtorName: string }

export interface Rate { numerator: number; denominator: number; value: number | null }
export interface Kpis {
  liquidationByPlacement: { label: string; placedCents: number; collectedCents: number; cases: number; rate: Rate }[];
  rightPartyContactRate: Rate;
  promiseRate: Rate;
  promiseKeptRate: Rate;
  planKeptRate: Rate;
  disputesPer1000Cases: number | null;
  disputesOpened: number;
  casesInScope: number;
  complianceRefusalsByRule: { rule: string; count: number }[];
  balanceAgeing: { bucket: string; cases: number; balanceCents: number }[];
}

export const backofficeApi = {
  worklist: (cursor?: string) => api.get<{ items: WorklistItem[]; nextCursor: string | null; skipped: number; at: string }>(`/api/v1/worklist?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  caseFile: (caseId: string) => api.get<CaseFile>(`/api/v1/cases/${caseId}/file`),
  startCall: (caseId: string) => api.post<{ attemptId: string; allowed: boolean; phone: string; decision: { reasons: Reason[]; nextAllowedAt: string | null; localTime: string } }>(`/api/v1/cases/${caseId}/calls`, {}),
  checkIdentity: (caseId: string, answers: { fact: IdentityFact; value: string }[]) => api.post<{ verified: boolean; matched: string[]; mismatched: string[] }>(`/api/v1/cases/${caseId}/identity-checks`, { answers }),
  recordOutcome: (attemptId: string, body: Record<string, unknown>) => api.post<Record<string, unknown>>(`/api/v1/calls/${attemptId}/outcome`, body),
  previewPlan: (caseId: string, body: PlanBody) => api.post<PlanPreview>(`/api/v1/cases/${caseId}/plan-previews`, body),
  openSuspension: (caseId: string, kind: string, reason: string) => api.post<{ suspensionId: string }>(`/api/v1/cases/${caseId}/suspensions`, { kind, reason }),
  addNote: (caseId: string, text: string) => api.post<null>(`/api/v1/cases/${caseId}/notes`, { text }),
  approvals: () => api.get<{ items: Approval[] }>('/api/v1/approvals?limit=100'),
  decide: (kind: string, id: string, approve: boolean) => api.post<{ status: string }>(`/api/v1/approvals/${kind}/${id}/decision`, { approve }),
  suspensions: () => api.get<{ items: OpenSuspension[] }>('/api/v1/suspensions?limit=200'),
  resolve: (id: string, resolution: string, note: string) => api.post<{ resolution: string }>(`/api/v1/suspensions/${id}/resolution`, { resolution, note }),
  kpis: (query: string) => api.get<Kpis>(`/api/v1/kpis${query}`),
  /** Teams (and agents, rules): managers and admins only. */
  assignmentSetup: () => api.get<{ teams: { id: string; name: string }[] }>('/api/v1/assignment-rules'),
  creditors: () => api.get<{ items: { id: string; name: string }[] }>('/api/v1/creditors'),
  refresh: () => api.post<{ refreshed: number }>('/api/v1/worklist/refresh', {}),
};

/** "123,45" or "123.45" or "123" euros → integer cents (never through a float). */
export function eurosToCents(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function formatCents(cents: number, locale: 'fr' | 'en'): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
