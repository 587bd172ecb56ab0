/**
 * Structured logs (pino) that never contain passwords, session cookies, CSRF tokens, access codes or
 * full IBANs. Fastify's request serializer logs only method, URL and addresses, never bodies; the
 * redaction list covers anything logged explicitly.
 */
import type { LoggerOptions } from 'pino';

export const redactedPaths = [
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password', '*.password', 'accessCode', '*.accessCode', 'iban', '*.iban', 'token', '*.token', 'csrfToken', '*.csrfToken',
];

export function loggerOptions(level: string, pretty: boolean): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
}

/** FR76 3000 6000 0112 3456 7890 189 → FR76 **** **** **** **** ***0 189: enough to recognise, not to use. */
export function maskIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '');
  if (compact.length <= 8) return '****';
  return `${compact.slice(0, 4)}${'*'.repeat(compact.length - 8)}${compact.slice(-4)}`;
}
