/** Who is acting: every use case receives one, and every authorization decision starts from it. */
export type UserRole = 'admin' | 'manager' | 'agent' | 'compliance' | 'creditor';

export const userRoles: readonly UserRole[] = ['admin', 'manager', 'agent', 'compliance', 'creditor'];

export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly role: UserRole;
  /** Set for `creditor` users only: the one creditor whose cases they may read. */
  readonly creditorId: string | null;
  readonly teamId: string | null;
}

export interface SystemActor {
  readonly kind: 'system';
  readonly name: string;
}

/** A creditor's system calling the API with one of its keys: bound to that creditor, limited to its scopes. */
export interface ApiKeyActor {
  readonly kind: 'api_key';
  readonly keyId: string;
  readonly creditorId: string;
  readonly scopes: readonly string[];
}

export type Actor = UserActor | SystemActor | ApiKeyActor;

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
    case 'api_key':
      return `api_key:${actor.keyId}`;
  }
}

/** How a case event or audit row names the kind of actor (a creditor's API key acts for the creditor). */
export function eventActorKind(actor: Actor): 'user' | 'system' | 'creditor_api' {
  switch (actor.kind) {
    case 'user':
      return 'user';
    case 'system':
      return 'system';
    case 'api_key':
      return 'creditor_api';
  }
}
