/**
 * The alerts stage: evaluates the threshold rules on the analytics summary,
 * records new alerts in the store, writes `alerts.log` from that history and prints
 * them. An alert already recorded for the same data is not written again.
 *
 * @module
 */

import { join } from "node:path";
import { evaluateAlerts } from "../alerts/rules.ts";
import type { Alert } from "../alerts/rules.ts";
import { escapeControl } from "../cli/sanitize.ts";
import { MissingInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import { writeFileAtomic } from "../export/atomic.ts";
import { setMeta, transaction } from "../store/open.ts";
import { formatSpaceUtc } from "../time/timestamp.ts";
import type { StageConsole } from "./console.ts";
import { analyticsRun, loadReports } from "./reports_store.ts";
import type { AlertsRun } from "./reports_store.ts";
import { openParsedStore } from "./store_access.ts";

/** The alert log's file name in `output.reports_dir`. */
export const ALERTS_LOG = "alerts.log";

/**
 * Formats one alerts.log line: `[YYYY-MM-DD HH:MM:SS] [SEVERITY] TYPE: message`.
 *
 * @example
 * ```ts
 * import { formatAlertLine } from "./alerts.ts";
 * formatAlertLine(0, "HIGH", "HIGH_ERROR_RATE", "rate 12%"); // "[1970-01-01 00:00:00] [HIGH] HIGH_ERROR_RATE: rate 12%"
 * ```
 */
export function formatAlertLine(
  firedAt: number,
  severity: string,
  type: string,
  message: string,
): string {
  return `[${formatSpaceUtc(firedAt)}] [${severity}] ${type}: ${escapeControl(message)}`;
}

/**
 * Runs alerts on the last analytics results; returns the alerts whose condition holds.
 *
 * @example
 * ```ts
 * import { runAlerts } from "./alerts.ts";
 * // const { active, fresh } = await runAlerts(config, createConsole());
 * ```
 */
export async function runAlerts(
  config: Config,
  out: StageConsole,
): Promise<{ active: Alert[]; fresh: Alert[] }> {
  const { db, parseRun } = openParsedStore(config.output.state_dir);
  try {
    if (analyticsRun(db)?.runId !== parseRun.runId) {
      throw new MissingInputError(
        "no analytics for the last parse run; run `deno task analytics` first",
      );
    }
    const summary = loadReports(db).summary;
    const active = evaluateAlerts(summary, config.alerts);
    const firedAt = Date.now();
    const fresh = transaction(db, () => {
      const insert = db.prepare(
        `INSERT OR IGNORE INTO alerts (key, fired_at, severity, type, message, value, threshold, run_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const added = active.filter((alert) =>
        insert.run(
          alert.key,
          firedAt,
          alert.severity,
          alert.type,
          alert.message,
          alert.value,
          alert.threshold,
          parseRun.runId,
        ).changes > 0
      );
      setMeta(
        db,
        "alerts_run",
        {
          runId: parseRun.runId,
          finishedAt: new Date(firedAt).toISOString(),
          active: active.map((alert) => alert.type),
          newEvents: added.length,
        } satisfies AlertsRun,
      );
      return added;
    });
    // alerts.log is rewritten whole from the store's history: a run killed between the
    // store's commit and this write leaves a log the next run completes, never duplicates.
    const history = db.prepare(
      "SELECT fired_at, severity, type, message FROM alerts ORDER BY fired_at, id",
    ).all() as { fired_at: number; severity: string; type: string; message: string }[];
    const log = history.map((a) =>
      formatAlertLine(a.fired_at, a.severity, a.type, a.message) + "\n"
    )
      .join("");
    const logPath = join(config.output.reports_dir, ALERTS_LOG);
    if (await readOrEmpty(logPath) !== log) await writeFileAtomic(logPath, log);
    for (const alert of active) {
      const seen = fresh.includes(alert) ? "" : " (already reported)";
      out.print(`ALERT [${alert.severity}] ${alert.type}: ${alert.message}${seen}`);
    }
    if (active.length === 0) out.note("alerts: no alert condition holds");
    return { active, fresh };
  } finally {
    db.close();
  }
}

async function readOrEmpty(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
