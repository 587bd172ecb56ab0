import type { MessageKey } from './fr.ts';

/**
 * English catalogue. Typed against the French keys: a missing or extra key fails `npm run typecheck`;
 * test/unit/web-i18n.test.ts checks that both catalogues use the same {placeholders}.
 */
export const en: Record<MessageKey, string> = {
  'app.name': 'Amiable',
  'app.tagline': 'Amicable debt collection that respects everyone’s rights.',
  'app.loading': 'Loading…',
  'app.skipToContent': 'Skip to content',
  'app.pageTitle': '{page} · Amiable',

  'language.label': 'Language',
  'language.fr': 'Français',
  'language.en': 'English',

  'role.admin': 'Administrator',
  'role.manager': 'Manager',
  'role.agent': 'Collection agent',
  'role.compliance': 'Compliance',
  'role.creditor': 'Creditor',

  'login.title': 'Sign in',
  'login.heading': 'Sign in to your workspace',
  'login.email': 'E-mail address',
  'login.password': 'Password',
  'login.showPassword': 'Show password',
  'login.submit': 'Sign in',
  'login.emailRequired': 'Enter your e-mail address.',
  'login.passwordRequired': 'Enter your password.',
  'login.locked': 'Account temporarily locked after several failed attempts. Try again in {wait}.',
  'login.rateLimited': 'Too many attempts from this device. Try again in {wait}.',
  'login.footer': 'Access restricted to authorised staff and mandating creditors.',

  'shell.navigation': 'Main navigation',
  'shell.openNavigation': 'Open navigation',
  'shell.closeNavigation': 'Close navigation',
  'shell.logout': 'Sign out',

  'nav.home': 'Home',

  'home.title': 'Home',
  'home.greeting': 'Hello {name}',
  'home.intro': 'Here is what you can do in Amiable.',
  'home.role.admin': 'You manage users, roles and platform settings, and you can access every case.',
  'home.role.manager': 'You steer the activity: case allocation, team follow-up and indicators.',
  'home.role.agent': 'You work your cases: debtor contacts, promises, payment plans and payments, always within the limits set by the compliance engine.',
  'home.role.compliance': 'You check compliance: contact rules, suspensions, complaints and the audit log.',
  'home.role.creditor': 'You can view, read-only, the cases your organisation has entrusted to us and how they are progressing.',
  'home.comingSoon': 'The other screens (worklist, cases, imports…) arrive in the next releases.',

  'notFound.title': 'Page not found',
  'notFound.body': 'The page you asked for does not exist or has moved.',
  'notFound.back': 'Back to home',

  'forbidden.title': 'Access not allowed',
  'forbidden.body': 'Your role does not give access to this page. If you think this is a mistake, contact an administrator.',
  'forbidden.back': 'Back to home',

  'unavailable.title': 'Service temporarily unavailable',
  'unavailable.body': 'Amiable cannot reach the server or display this page. Please try again in a moment.',
  'unavailable.retry': 'Try again',

  'errors.generic': 'Something went wrong. Please try again in a moment.',
  'errors.network_error': 'The server cannot be reached. Check your connection and try again.',
  'errors.unauthenticated': 'Your session has expired. Please sign in again.',
  'errors.invalid_credentials': 'Incorrect e-mail address or password.',
  'errors.account_locked': 'Account temporarily locked after several failed attempts. Try again later.',
  'errors.rate_limited': 'Too many attempts. Please wait a moment before trying again.',
  'errors.validation_failed': 'Some information is invalid. Please check the form.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.not_found': 'Item not found.',
  'errors.csrf_invalid': 'Your session is no longer valid for this action. Reload the page and try again.',
  'errors.internal': 'An internal error occurred. Please try again in a moment.',
  'errors.conflict': 'This item was changed in the meantime. Reload the page and try again.',
  'errors.payload_too_large': 'What you sent is too large.',
  'errors.unsupported_media_type': 'This type of file or content is not accepted.',
  'errors.service_unavailable': 'The service is temporarily unavailable. Please try again in a moment.',
};
