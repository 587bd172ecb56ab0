/**
 * Posts a webhook with Node's fetch: a 10 s timeout (Standard Webhooks receivers are asked to answer
 * fast and queue their work), redirects not followed (a redirect is a failed attempt: a signed body is
 * not re-sent to a place the creditor did not register), the answer's body read and dropped.
 */
import type { WebhookResponse, WebhookSender } from '../../application/ports/webhooks.ts';

export class FetchWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs = 10_000) {}

  async post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<WebhookResponse> {
    const started = performance.now();
    try {
      const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status, error: response.ok ? null : `HTTP ${response.status}`, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { status: null, error: `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`.slice(0, 500), durationMs: Math.round(performance.now() - started) };
    }
  }
}
