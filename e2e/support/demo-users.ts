import { ROLES, type Role } from '../../web/src/api/auth-types.ts';

export { ROLES, type Role };

export interface DemoUser {
  role: Role;
  email: string;
  password: string;
}

/** The users the server seeds on first start outside production (README, "Demo logins"). */
export function demoUser(role: Role): DemoUser {
  return { role, email: `${role}@demo.amiable.fr`, password: `demo-${role}-2026` };
}
