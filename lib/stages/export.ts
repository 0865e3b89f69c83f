/**
 * The export stage: writes the CSV and JSON reports and rejected.csv from
 * what analytics and alerts stored.
 *
 * @module
 */

import type { SummaryFile } from "../analytics/reports.ts";
import { MissingInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import { join } from "node:path";
import { writeRejectedCsv } from "../export/rejected_csv.ts";
import { writeReports } from "../export/write_reports.ts";
import type { StageConsole } from "./console.ts";
import { alertsRun, loadReports } from "./reports_store.ts";
import { openParsedStore } from "./store_access.ts";

/**
 * Runs export; returns the summary as written to `json/summary.json`.
 *
 * @example
 * ```ts
 * import { runExport } from "./export.ts";
 * // const summary = await runExport(config, createConsole());
 * ```
 */
export async function runExport(config: Config, out: StageConsole): Promise<SummaryFile> {
  const { db, parseRun } = openParsedStore(config.output.state_dir);
  try {
    const alerts = alertsRun(db);
    if (alerts?.runId !== parseRun.runId) {
      throw new MissingInputError(
        "no alert evaluation for the last parse run; run `deno task alerts` first",
      );
    }
    const reports = loadReports(db);
    const summary: SummaryFile = {
      ...reports.summary,
      alerts: { active: alerts.active },
    };
    await writeReports(config.output.reports_dir, reports, summary);
    // Streamed, and only what changed: a badly broken input may have millions of rejected rows.
    await writeRejectedCsv(db, join(config.output.reports_dir, "rejected.csv"));
    out.note(`export: reports written to ${config.output.reports_dir}/`);
    return summary;
  } finally {
    db.close();
  }
}
