import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ROLES, type Role } from '../api/auth-types.ts';
import type { PlainMessageKey } from '../i18n/messages.ts';

/**
 * Every back-office page, in navigation order. The router, the navbar and the role guard all read
 * this one table, so a new page is one entry here (plus its page file and catalogue label):
 *
 *   { path: '/worklist', label: 'nav.worklist', roles: ['agent', 'manager'], page: lazyPage(() => import('../pages/worklist-page.tsx')) },
 *
 * Each page is its own chunk (React.lazy), so the login page and a future debtor portal never
 * download back-office screens they do not show.
 */
/** A code-split page that can also be fetched ahead of time (`preload`), before React asks for it. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<unknown> };

export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  return Object.assign(lazy(load), { preload: load });
}

export interface BackOfficeRoute {
  /** Path under the back-office frame; '/' is the home page. */
  path: string;
  /** Navbar label (catalogue key). */
  label: PlainMessageKey;
  /** Roles that may open the page; others get the "not allowed" page and no navbar entry. */
  roles: readonly Role[];
  page: LazyPage;
  /** false for pages reached from another page (a case's detail), not from the navbar. */
  inNav?: boolean;
}

const everyone = ROLES;

export const backOfficeRoutes: readonly BackOfficeRoute[] = [
  { path: '/', label: 'nav.home', roles: everyone, page: lazyPage(() => import('../pages/home-page.tsx')) },
  { path: '/imports', label: 'nav.imports', roles: ['admin', 'manager', 'agent'], page: lazyPage(() => import('../pages/imports-page.tsx')) },
  { path: '/outbox', label: 'nav.outbox', roles: ['admin', 'manager', 'agent', 'compliance'], page: lazyPage(() => import('../pages/outbox-page.tsx')) },
  { path: '/letters/batches', label: 'nav.printBatches', roles: ['admin', 'manager'], page: lazyPage(() => import('../pages/print-batches-page.tsx')) },
  { path: '/templates', label: 'nav.templates', roles: ['admin', 'manager', 'agent', 'compliance'], page: lazyPage(() => import('../pages/templates-page.tsx')) },
  // ── operations (issue #9) ──
  { path: '/jobs/dead-letters', label: 'nav.deadLetters', roles: ['admin', 'manager'], page: lazyPage(() => import('../pages/dead-letters-page.tsx')) },
];

/** The frame around every back-office page. */
export const BackOfficeLayout = lazyPage(() => import('../layout/back-office-layout.tsx'));

/**
 * Fetches the frame and the home page while the login request is in flight, so signing in does not
 * end on a spinner.
 */
export function preloadBackOffice(): void {
  void BackOfficeLayout.preload();
  void backOfficeRoutes[0]?.page.preload();
}

export function canAccess(route: BackOfficeRoute, role: Role): boolean {
  return route.roles.includes(role);
}

/** Navbar entries for a role, in table order. */
export function navEntries(role: Role): BackOfficeRoute[] {
  return backOfficeRoutes.filter((route) => route.inNav !== false && canAccess(route, role));
}
