/** What the messaging use cases read and write; only the adapter knows SQL. */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Decision } from '../../domain/contact-policy/index.ts';

export type OutboxChannel = 'letter' | 'sms' | 'email';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'cancelled';

export interface ContactPointRecord {
  readonly id: string;
  readonly kind: 'phone' | 'email' | 'postal';
  readonly value: string;
  readonly postal: { readonly lines?: readonly string[]; readonly postcode?: string; readonly city?: string; readonly country?: string } | null;
  readonly status: 'valid' | 'unverified' | 'wrong' | 'invalid';
  readonly isPrimary: boolean;
  readonly sourceLabel: string | null;
  readonly sourceAt: Date;
  readonly validUntil: Date | null;
}

export interface AttemptRecord {
  readonly id: string;
  readonly caseId: string;
  readonly channel: OutboxChannel | 'call';
  readonly purpose: 'collection' | 'information';
  readonly at: Date;
  readonly outcome: string | null;
  readonly callbackAt: Date | null;
}

/** A case with everything a message about it needs: parties, contact points, suspensions, history. */
export interface CaseForMessaging {
  readonly caseId: string;
  readonly creditorId: string;
  readonly debtorId: string;
  readonly status: CaseStatus;
  readonly creditorReference: string;
  readonly category: string;
  readonly basisContractRef: string | null;
  readonly basisDate: string | null;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly dueDate: string;
  readonly limitationExpiresOn: string | null;
  readonly rfReference: string | null;
  readonly noticeSentAt: Date | null;
  readonly creditor: {
    readonly name: string; readonly legalName: string; readonly addressLine1: string; readonly addressLine2: string | null;
    readonly postcode: string; readonly city: string; readonly isCreditInstitution: boolean;
  };
  readonly debtor: {
    readonly civility: string | null; readonly firstName: string | null; readonly lastName: string | null; readonly companyName: string | null;
    readonly fieldSources: Readonly<Record<string, { readonly kind?: string; readonly label?: string; readonly at?: string }>>;
  };
  readonly contactPoints: readonly ContactPointRecord[];
  readonly suspensions: readonly { readonly kind: string; readonly fromAt: Date; readonly untilAt: Date | null }[];
  /** The debtor's outbound attempts across all cases and creditors (recent first not required). */
  readonly history: readonly AttemptRecord[];
  /** What the debtor asked on the portal (issue #8): channels refused, quiet hours, written only. */
  readonly preferences?: {
    readonly optOut: readonly string[];
    readonly quietHours: readonly { readonly from: string; readonly to: string }[];
    readonly writtenOnly: boolean;
  } | null;
}

/**
 * What the compliance engine reads of a case (`buildContactSituation`): the pages that only decide — the
 * worklist re-checks a page of candidates — read these and not the whole `CaseForMessaging`.
 */
export type ContactFacts = Pick<CaseForMessaging, 'caseId' | 'status' | 'noticeSentAt' | 'limitationExpiresOn' | 'suspensions' | 'history' | 'preferences'> & {
  readonly contactPoints: readonly ContactPointFacts[];
};

/** What the engine and the choice of a usable point read of a contact point: not its source, not the address's lines and city. */
export type ContactPointFacts = Pick<ContactPointRecord, 'id' | 'kind' | 'value' | 'status' | 'isPrimary' | 'validUntil'> & {
  readonly postal: Pick<NonNullable<ContactPointRecord['postal']>, 'postcode' | 'country'> | null;
};

/**
 * `ContactFacts` for deciding a **call** only (the worklist's re-check, `callDecision`): the debtor's phones and
 * postal addresses, no e-mail address — a call's decision reads the phone dialled, the wrong numbers and the
 * address's territory, never an e-mail address. Not for deciding an SMS, an e-mail or a letter.
 */
export type CallFacts = ContactFacts & { readonly contactPoints: readonly (ContactPointFacts & { readonly kind: 'phone' | 'postal' })[] };

export interface OutboxRecord {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly channel: OutboxChannel;
  readonly template: string;
  readonly locale: 'fr' | 'en';
  readonly purpose: 'collection' | 'information';
  readonly recipient: string;
  readonly contactPointId: string | null;
  readonly payloadVersion: number;
  readonly payload: unknown;
  readonly idempotencyKey: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly leaseUntil: Date | null;
  readonly claimToken: string | null;
  readonly lastError: string | null;
  readonly decision: Decision | null;
  readonly contactAttemptId: string | null;
  readonly verificationCode: string | null;
  readonly letterReference: string | null;
  readonly providerMessageId: string | null;
  readonly batchId: string | null;
  readonly pages: number | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

export type NewOutboxRecord = Pick<OutboxRecord,
  'creditorId' | 'id' | 'caseId' | 'debtorId' | 'channel' | 'template' | 'locale' | 'purpose' | 'recipient' | 'contactPointId'
  | 'payloadVersion' | 'payload' | 'idempotencyKey' | 'nextAttemptAt' | 'verificationCode' | 'letterReference'>;

export interface OutboxFilter {
  readonly creditorId?: string;
  readonly caseId?: string;
  readonly status?: OutboxStatus;
  readonly channel?: OutboxChannel;
  readonly limit: number;
  readonly offset: number;
}

export interface LetterBatchRecord {
  readonly id: string;
  readonly batchDate: string;
  readonly status: 'ready' | 'posted';
  readonly letterCount: number;
  readonly pageCount: number;
  readonly pdfPath: string;
  readonly csvPath: string;
  readonly pdfSha256: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly postedAt: Date | null;
  readonly postedBy: string | null;
}

export interface CaughtMessageRecord {
  readonly id: string;
  readonly channel: 'sms' | 'email';
  readonly deliveryKey: string;
  readonly recipient: string;
  readonly subject: string | null;
  readonly textBody: string;
  readonly htmlBody: string | null;
  readonly createdAt: Date;
}

export interface MessagingRepository {
  loadCase(caseId: string): Promise<CaseForMessaging | null>;
  /** loadCase for many cases at once (a bank import books thousands of payments), by case id. */
  loadCases(caseIds: readonly string[]): Promise<Map<string, CaseForMessaging>>;
  /** Cases waiting for their first letter: status notice_pending, no notice sent, no first letter queued. */
  casesAwaitingFirstLetter(limit: number): Promise<{ caseId: string; creditorId: string }[]>;
  setRfReference(creditorId: string, caseId: string, rfReference: string): Promise<void>;
  setAccessCodeHash(creditorId: string, caseId: string, hash: string): Promise<void>;
  /** R124-4: the notice is sent; the case moves notice_pending → active. Returns the previous status. */
  recordNoticeSent(creditorId: string, caseId: string, at: Date): Promise<CaseStatus | null>;
  appendCaseEvent(event: { creditorId: string; caseId: string; at: Date; type: string; actorKind: 'user' | 'system' | 'creditor_api'; actorId: string | null; data: object }): Promise<void>;
  insertContactAttempt(attempt: {
    creditorId: string; id: string; caseId: string; debtorId: string; channel: OutboxChannel; purpose: 'collection' | 'information';
    at: Date; outcome: string; address: string; contactPointId: string | null; allowed: boolean; decision: Decision; userId: string | null;
    verificationCode: string | null;
  }): Promise<void>;
  updateContactAttemptOutcome(creditorId: string, id: string, outcome: string, at?: Date): Promise<void>;

  /** Inserts unless the creditor already has a row with this idempotency key; returns the row either way. */
  enqueue(row: NewOutboxRecord): Promise<{ record: OutboxRecord; created: boolean }>;
  findByIdempotencyKey(creditorId: string, idempotencyKey: string): Promise<OutboxRecord | null>;
  /**
   * Registers codes that must be unique across all creditors (`code_registry`); returns the codes that
   * were already taken (nothing is registered then), so the caller draws new ones.
   */
  reserveCodes(entries: readonly CodeReservation[]): Promise<readonly string[]>;
  findOutbox(id: string): Promise<OutboxRecord | null>;
  listOutbox(filter: OutboxFilter): Promise<{ items: OutboxRecord[]; total: number }>;
  /** The case's first letter once posted: its reference and sending date. */
  findFirstLetter(caseId: string): Promise<{ reference: string; sentAt: Date } | null>;
  /**
   * Claims due SMS/e-mail rows (pending, or sending with an expired lease) with FOR UPDATE SKIP LOCKED,
   * so concurrent dispatchers never take the same row; marks them sending under `token` until `leaseUntil`.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date, token: string): Promise<OutboxRecord[]>;
  /** Each of the following applies only while the row is still `sending` under `token`; false otherwise. */
  recordDecision(creditorId: string, id: string, token: string, decision: Decision, contactAttemptId: string): Promise<boolean>;
  markSent(creditorId: string, id: string, token: string, providerMessageId: string, at: Date): Promise<boolean>;
  markRefused(creditorId: string, id: string, token: string | null, decision: Decision | null, reason: string): Promise<boolean>;
  markFailed(creditorId: string, id: string, token: string, error: string): Promise<boolean>;
  reschedule(creditorId: string, id: string, token: string, error: string, nextAttemptAt: Date): Promise<boolean>;

  /**
   * Claims letters due for printing into `batchId` (FOR UPDATE SKIP LOCKED): pending ones, and those
   * left `sending` by a batch that crashed before its row was written (lease expired).
   */
  claimLetters(now: Date, limit: number, batchId: string, leaseUntil: Date): Promise<OutboxRecord[]>;
  /** Puts letters claimed by a batch that could not be produced back in the queue. */
  releaseLetters(batchId: string): Promise<void>;
  createBatch(batch: Omit<LetterBatchRecord, 'status' | 'postedAt' | 'postedBy' | 'createdAt'>): Promise<void>;
  finishLetter(creditorId: string, id: string, batchId: string, pages: number, decision: Decision, payload: unknown): Promise<void>;
  findBatch(id: string): Promise<LetterBatchRecord | null>;
  listBatches(limit: number): Promise<LetterBatchRecord[]>;
  lettersOfBatch(batchId: string): Promise<OutboxRecord[]>;
  /** Marks the batch posted if it is still ready; false when another request did it first. */
  markBatchPosted(batchId: string, at: Date, by: string): Promise<boolean>;
  markLetterSent(creditorId: string, id: string, at: Date, contactAttemptId: string): Promise<void>;

  findCaught(deliveryKey: string): Promise<CaughtMessageRecord | null>;
  insertCertificate(row: { creditorId: string; id: string; caseId: string; verificationCodeHash: string; outboxId: string | null; issuedAt: Date; data: object }): Promise<void>;
}

export interface CodeReservation {
  readonly code: string;
  readonly kind: 'verification_code' | 'letter_reference' | 'certificate_code';
  readonly creditorId: string;
  readonly caseId: string;
  readonly ownerId: string;
}
