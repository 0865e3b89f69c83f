/**
 * The alerts stage: steps the alert lifecycle through the minutes of log time
 * not evaluated yet, records the events and states in the store, rewrites
 * `alerts.log` from that history, and delivers pending events to the webhook.
 *
 * A rebuild (`--full`, or a file rewritten in place) replays the lifecycle
 * from the first minute, so the history equals that of incremental runs; the
 * events it recomputes for minutes already evaluated are not sent again.
 *
 * @module
 */

import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import {
  evaluatedThrough,
  markDelivery,
  readEvents,
  readStates,
  resetAlerts,
  saveEvaluation,
} from "../alerts/history.ts";
import type { Delivery, StoredEvent } from "../alerts/history.ts";
import { stepLifecycle } from "../alerts/lifecycle.ts";
import type { AlertEvent } from "../alerts/lifecycle.ts";
import { postEvent } from "../alerts/webhook.ts";
import { buildGroups } from "../alerts/window_series.ts";
import { escapeControl } from "../cli/sanitize.ts";
import { MissingInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import { writeFileAtomic } from "../export/atomic.ts";
import { levelIndex } from "../model/level.ts";
import { readDimKeys } from "../store/cube.ts";
import { readMinuteSeries } from "../store/minute_series.ts";
import { setMeta, transaction } from "../store/open.ts";
import { formatSpaceUtc } from "../time/timestamp.ts";
import type { StageConsole } from "./console.ts";
import { alertsRun, analyticsRun } from "./reports_store.ts";
import type { AlertsRun } from "./reports_store.ts";
import { openParsedStore } from "./store_access.ts";

/** The alert log's file name in `output.reports_dir`. */
export const ALERTS_LOG = "alerts.log";

/** Delivery attempts over all runs before an event is given up. */
const MAX_TOTAL_ATTEMPTS_RUNS = 3;

/**
 * Formats one alerts.log line: `[YYYY-MM-DD HH:MM:SS] [SEVERITY] TYPE group: message`,
 * with `RESOLVED` in place of the severity for a resolved alert.
 *
 * @example
 * ```ts
 * import { formatAlertLine } from "./alerts.ts";
 * formatAlertLine({ at: 0, kind: "firing", severity: "HIGH", type: "HIGH_ERROR_RATE", group: "service=api", message: "rate 12%" });
 * // "[1970-01-01 00:00:00] [HIGH] HIGH_ERROR_RATE service=api: rate 12%"
 * ```
 */
export function formatAlertLine(
  event: Pick<AlertEvent, "at" | "kind" | "severity" | "type" | "group" | "message">,
): string {
  const label = event.kind === "resolved" ? "RESOLVED" : event.severity;
  const subject = event.group === "" ? event.type : `${event.type} ${event.group}`;
  return `[${formatSpaceUtc(event.at)}] [${label}] ${escapeControl(subject)}: ${
    escapeControl(event.message)
  }`;
}

/**
 * Runs alerts for the last parse run; returns this run's events and the alerts firing now.
 *
 * @example
 * ```ts
 * import { runAlerts } from "./alerts.ts";
 * // const { fresh, active } = await runAlerts(config, createConsole());
 * ```
 */
export async function runAlerts(
  config: Config,
  out: StageConsole,
): Promise<{ fresh: AlertEvent[]; active: string[] }> {
  const { db, parseRun } = openParsedStore(config.output.state_dir);
  try {
    if (analyticsRun(db)?.runId !== parseRun.runId) {
      throw new MissingInputError(
        "no analytics for the last parse run; run `deno task analytics` first",
      );
    }
    const settings = config.alerts;
    const firstForRun = alertsRun(db)?.runId !== parseRun.runId;
    const { fresh, active } = transaction(db, () => {
      // A rebuild recounted everything: replay the lifecycle from the start.
      const replayedThrough = firstForRun && parseRun.mode === "full" ? resetAlerts(db) : null;
      const through = evaluatedThrough(db);
      const minutes = readMinuteSeries(db);
      const services = readDimKeys(db, "service");
      const isError = new Uint8Array(8);
      for (const level of parseRun.errorLevels) isError[levelIndex(level)] = 1;
      const groups = buildGroups(minutes, services, isError, settings.group_by.length > 0);
      // The newest minute may still be filling: it is judged when a later one arrives.
      const last = parseRun.maxTs === null ? null : Math.floor(parseRun.maxTs / 60_000) - 1;
      const first = through === null ? groups[0]?.series.first : through + 1;
      const states = readStates(db);
      const fresh = last === null || first === undefined || groups.length === 0
        ? []
        : stepLifecycle(groups, states, first, last, settings);
      const deliveryOf = (event: AlertEvent): Delivery =>
        settings.webhook_url === null
          ? "none"
          : replayedThrough !== null && event.at <= (replayedThrough + 1) * 60_000
          ? "replayed"
          : "pending";
      saveEvaluation(db, states, fresh, Math.max(last ?? -1, through ?? -1), deliveryOf);
      const active = [...states.values()].filter((s) => s.state === "firing").map((s) =>
        s.group === "" ? s.type : `${s.type} ${s.group}`
      ).sort();
      setMeta(
        db,
        "alerts_run",
        {
          runId: parseRun.runId,
          finishedAt: new Date().toISOString(),
          active,
          newEvents: fresh.length,
        } satisfies AlertsRun,
      );
      return { fresh, active };
    });

    await writeAlertsLog(db, join(config.output.reports_dir, ALERTS_LOG));
    if (settings.webhook_url !== null) await deliverPending(db, config, out);
    for (const event of fresh) out.print(`ALERT ${formatAlertLine(event)}`);
    if (active.length > 0) out.note(`alerts firing: ${active.join(", ")}`);
    else if (fresh.length === 0) out.note("alerts: no alert condition holds");
    return { fresh, active };
  } finally {
    db.close();
  }
}

/**
 * Rewrites alerts.log whole from the store's history: a run killed between
 * the store's commit and this write leaves a log the next run completes,
 * never one with duplicates.
 */
async function writeAlertsLog(db: DatabaseSync, path: string): Promise<void> {
  const log = readEvents(db).map((event) => formatAlertLine(event) + "\n").join("");
  if (await readOrEmpty(path) !== log) await writeFileAtomic(path, log);
}

async function deliverPending(db: DatabaseSync, config: Config, out: StageConsole): Promise<void> {
  const settings = config.alerts;
  const pending: StoredEvent[] = readEvents(db, { delivery: "pending" });
  let sent = 0;
  for (const [index, event] of pending.entries()) {
    const outcome = await postEvent(event, {
      url: settings.webhook_url!,
      timeoutMs: settings.webhook_timeout_seconds * 1000,
      retries: settings.webhook_retries,
    });
    const attempts = event.attempts + outcome.attempts;
    if (outcome.ok) {
      markDelivery(db, event.seq, "sent", attempts);
      sent++;
      continue;
    }
    const giveUp = attempts >= settings.webhook_retries * MAX_TOTAL_ATTEMPTS_RUNS;
    markDelivery(db, event.seq, giveUp ? "failed" : "pending", attempts);
    out.note(
      `webhook: ${outcome.error} after ${outcome.attempts} attempt(s); ${
        giveUp
          ? "gave up on this event"
          : `${pending.length - index} event(s) left for the next run`
      }`,
    );
    // The endpoint is down: stop here rather than wait out every remaining event.
    if (!giveUp) break;
  }
  if (sent > 0) out.note(`webhook: ${sent} event(s) delivered`);
}

async function readOrEmpty(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
