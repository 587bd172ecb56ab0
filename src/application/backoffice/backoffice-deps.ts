/** The ports the back-office use cases need (issue #6); confirmations go through the messaging outbox. */
import type { MessagingDeps } from '../messaging/messaging-deps.ts';

export type BackofficeDeps = Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency'>;
