/**
 * The analytics stage: computes every report from the store's cube and keeps
 * them in the store for the alerts and export stages and the dashboard.
 *
 * @module
 */

import { computeReports, minedTemplates } from "../analytics/compute.ts";
import type { Reports } from "../analytics/reports.ts";
import { MissingInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import type { StageConsole } from "./console.ts";
import { saveReports } from "./reports_store.ts";
import { openParsedStore } from "./store_access.ts";

/**
 * Runs analytics on the last parse run.
 *
 * @example
 * ```ts
 * import { runAnalytics } from "./analytics.ts";
 * // const reports = runAnalytics(config, createConsole());
 * ```
 */
export function runAnalytics(config: Config, out: StageConsole): Reports {
  const { db, parseRun } = openParsedStore(config.output.state_dir);
  try {
    const configured = [...config.analytics.error_levels].sort().join(",");
    if (configured !== [...parseRun.errorLevels].sort().join(",")) {
      throw new MissingInputError(
        `analytics.error_levels (${configured}) differs from the last parse (${
          parseRun.errorLevels.join(",")
        }); run \`deno task parse\` first`,
      );
    }
    const templates = minedTemplates(db);
    const reports = computeReports(db, parseRun, { topN: config.analytics.top_n, templates });
    saveReports(db, parseRun.runId, reports, templates);
    const s = reports.summary;
    out.note(
      `analytics: ${s.total_rows} rows, ${s.error_count} errors (${
        (s.error_rate * 100).toFixed(2)
      }%), ${s.distinct.error_types} error types`,
    );
    return reports;
  } finally {
    db.close();
  }
}
