/**
 * Webhook delivery: one JSON POST per alert event, with a timeout and retries
 * with backoff. A failing endpoint never fails the pipeline: undelivered
 * events stay in the outbox for the next run, until their attempts run out.
 *
 * @module
 */

import { formatIsoUtc } from "../time/timestamp.ts";
import type { AlertEvent } from "./lifecycle.ts";

/** Webhook settings. */
export interface WebhookOptions {
  url: string;
  timeoutMs: number;
  /** Attempts per event per run. */
  retries: number;
  /** Pause before the second attempt; doubled after each failure. */
  backoffMs?: number;
}

/** The JSON body posted for an event. */
export interface WebhookBody {
  source: "logpulse";
  status: "firing" | "resolved";
  repeat: boolean;
  type: string;
  severity: string;
  group: string;
  labels: Record<string, string>;
  startsAt: string;
  at: string;
  message: string;
  value: number;
  threshold: number;
}

/**
 * The body posted for an event.
 *
 * @example
 * ```ts
 * import { webhookBody } from "./webhook.ts";
 * // JSON.stringify(webhookBody(event));
 * ```
 */
export function webhookBody(event: AlertEvent): WebhookBody {
  return {
    source: "logpulse",
    status: event.kind === "resolved" ? "resolved" : "firing",
    repeat: event.kind === "repeat",
    type: event.type,
    severity: event.severity,
    group: event.group,
    labels: event.labels,
    startsAt: formatIsoUtc(event.startsAt),
    at: formatIsoUtc(event.at),
    message: event.message,
    value: event.value,
    threshold: event.threshold,
  };
}

/** How one event's delivery went. */
export interface DeliveryOutcome {
  ok: boolean;
  attempts: number;
  /** The last failure (HTTP status or error), when not ok. */
  error?: string;
}

/**
 * Posts one event, retrying with backoff; never throws.
 *
 * @example
 * ```ts
 * import { postEvent } from "./webhook.ts";
 * // const outcome = await postEvent(event, { url: "http://127.0.0.1:9000/hook", timeoutMs: 5000, retries: 3 });
 * ```
 */
export async function postEvent(
  event: AlertEvent,
  options: WebhookOptions,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(webhookBody(event));
  let pause = options.backoffMs ?? 250;
  let error = "";
  for (let attempt = 1; attempt <= options.retries; attempt++) {
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "logpulse" },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt };
      error = `HTTP ${response.status}`;
      // A client error will not get better by retrying.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        return { ok: false, attempts: attempt, error };
      }
    } catch (caught) {
      error = caught instanceof DOMException && caught.name === "TimeoutError"
        ? `no response within ${options.timeoutMs} ms`
        : caught instanceof Error
        ? caught.message
        : String(caught);
    }
    if (attempt < options.retries) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause *= 2;
    }
  }
  return { ok: false, attempts: options.retries, error };
}
