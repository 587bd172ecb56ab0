/**
 * Headless Chromium for the specs. One fresh profile per call (no cookie or storage leaks between
 * tests), a named viewport, and a record of what went wrong in the page so a spec can assert that a
 * flow produced no console error, no uncaught exception and no failed request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './chromium-path.ts';

export const viewports = {
  /** The back office's reference screen. */
  laptop: { width: 1366, height: 768 },
  /** A mid-range phone (debtor portal). */
  phone: { width: 390, height: 844 },
} as const;

export type ViewportName = keyof typeof viewports;

/**
 * `--user-data-dir` is not allowed in args: playwright-core wants the profile directory as the first
 * argument of launchPersistentContext (STACK_NOTES §7).
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let clientCount = 0;

/**
 * A distinct client address per browser, from TEST-NET-2 (RFC 5737), sent as X-Forwarded-For: the
 * e2e server trusts its proxy headers, so rate limits and audit rows see one client per test.
 */
function nextClientIp(): string {
  clientCount += 1;
  return `198.51.100.${(process.pid + clientCount) % 254 + 1}`;
}

export interface BrowserOptions {
  viewport?: ViewportName;
  /** The browser's own language (Accept-Language, navigator.language); the app defaults to French regardless. */
  locale?: string;
  /** Client address the server sees (X-Forwarded-For); a fresh one per browser by default. */
  clientIp?: string;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far, one line each. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * API error responses (401 on the session probe, 401 on a wrong password…) are part of the contract
 * and handled by the UI; anything else that fails is a defect.
 */
function isExpectedApiError(url: string, status: number): boolean {
  return new URL(url).pathname.startsWith('/api/') && status >= 400 && status < 500;
}

export async function openBrowser(options: BrowserOptions = {}): Promise<BrowserSession> {
  const profileDir = await mkdtemp(join(tmpdir(), 'amiable-chromium-'));
  const viewport = viewports[options.viewport ?? 'laptop'];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: options.locale ?? 'fr-FR',
    isMobile: options.viewport === 'phone',
    hasTouch: options.viewport === 'phone',
    // Fixed zone so screenshots and date text do not depend on the machine running the tests.
    timezoneId: 'Europe/Paris',
    extraHTTPHeaders: { 'x-forwarded-for': options.clientIp ?? nextClientIp() },
  });
  context.setDefaultTimeout(15_000);

  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      // Chromium also logs every HTTP error response as a console error; those are judged by the
      // response listener below, which knows which ones the contract expects.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // A navigation away cancels in-flight requests; that is not a defect.
      if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !isExpectedApiError(response.url(), response.status())) {
        problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
