/** The ports the messaging use cases need; each use case picks the ones it uses. */
import type { AgencyProfile } from '../../domain/letters/templates/index.ts';
import type { CodeGenerator } from '../ports/codes.ts';
import type { Clock } from '../ports/clock.ts';
import type { LetterRenderer } from '../ports/letter-renderer.ts';
import type { BatchStorage } from '../ports/batch-storage.ts';
import type { Mailer, SmsSender } from '../ports/messaging.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import type { Secrets } from '../ports/secrets.ts';
import { AppError } from '../errors.ts';

/** The agency's identity and account (configuration); `missing` lists what production still lacks. */
export interface AgencySettings {
  readonly profile: AgencyProfile | null;
  readonly missing: readonly string[];
}

export interface MessagingDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly codes: CodeGenerator;
  /** Hashes the portal access code (argon2id, like passwords: it is a secret a person types). */
  readonly hasher: PasswordHasher;
  readonly secrets: Secrets;
  readonly agency: AgencySettings;
  readonly renderer: LetterRenderer;
  readonly storage: BatchStorage;
  readonly mailer: Mailer;
  readonly sms: SmsSender;
}

/** Production refuses to send anything without a complete agency profile (R124-4 1°, R124-2). */
export function requireAgency(agency: AgencySettings): AgencyProfile {
  if (!agency.profile) {
    throw new AppError('agency_profile_incomplete', `The agency profile is incomplete: set ${agency.missing.join(', ')}`);
  }
  return agency.profile;
}
