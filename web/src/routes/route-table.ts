import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ROLES, type Role } from '../api/auth.ts';
import type { PlainMessageKey } from '../i18n/messages.ts';

/**
 * Every back-office page, in navigation order. The router, the navbar and the role guard all read
 * this one table, so a new page is one entry here (plus its page file and catalogue label):
 *
 *   { path: '/worklist', label: 'nav.worklist', roles: ['agent', 'manager'], page: lazy(() => import('../pages/worklist-page.tsx')) },
 *
 * Each page is its own chunk (React.lazy), so the login page and a future debtor portal never
 * download back-office screens they do not show.
 */
export interface BackOfficeRoute {
  /** Path under the back-office frame; '/' is the home page. */
  path: string;
  /** Navbar label (catalogue key). */
  label: PlainMessageKey;
  /** Roles that may open the page; others get the "not allowed" page and no navbar entry. */
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType>;
  /** false for pages reached from another page (a case's detail), not from the navbar. */
  inNav?: boolean;
}

const everyone = ROLES;

export const backOfficeRoutes: readonly BackOfficeRoute[] = [
  { path: '/', label: 'nav.home', roles: everyone, page: lazy(() => import('../pages/home-page.tsx')) },
];

export function canAccess(route: BackOfficeRoute, role: Role): boolean {
  return route.roles.includes(role);
}

/** Navbar entries for a role, in table order. */
export function navEntries(role: Role): BackOfficeRoute[] {
  return backOfficeRoutes.filter((route) => route.inNav !== false && canAccess(route, role));
}
