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

export type Actor = UserActor | SystemActor;

export function actorId(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
  }
}
