/**
 * Stage hand-offs kept in the store: the analytics stage's reports and the
 * alerts stage's outcome, each tagged with the parse run they belong to.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { Reports } from "../analytics/reports.ts";
import { getMeta, setMeta, transaction } from "../store/open.ts";

/** The analytics stage's marker. */
export interface AnalyticsRun {
  runId: number;
  finishedAt: string;
}

/** The alerts stage's marker. */
export interface AlertsRun {
  runId: number;
  finishedAt: string;
  /** Alerts firing after this run, as `TYPE` or `TYPE group`. */
  active: string[];
  /** Events (firing, repeat, resolved) recorded by this run. */
  newEvents: number;
}

/**
 * Stores the reports of a parse run and the mined template of each masked
 * template (the dashboard groups by it too).
 *
 * @example
 * ```ts
 * import { saveReports } from "./reports_store.ts";
 * // saveReports(db, runId, reports, minedTemplates(db));
 * ```
 */
export function saveReports(
  db: DatabaseSync,
  runId: number,
  reports: Reports,
  templates: ReadonlyMap<string, string> = new Map(),
): void {
  transaction(db, () => {
    db.exec("DELETE FROM reports; DELETE FROM template_groups");
    const insert = db.prepare("INSERT INTO reports (name, json) VALUES (?, ?)");
    for (const [name, value] of Object.entries(reports)) insert.run(name, JSON.stringify(value));
    const group = db.prepare("INSERT INTO template_groups (template, mined) VALUES (?, ?)");
    for (const [template, mined] of templates) group.run(template, mined);
    setMeta(
      db,
      "analytics_run",
      { runId, finishedAt: new Date().toISOString() } satisfies AnalyticsRun,
    );
  });
}

/**
 * Loads the stored reports.
 *
 * @example
 * ```ts
 * import { loadReports } from "./reports_store.ts";
 * // const reports = loadReports(db);
 * ```
 */
export function loadReports(db: DatabaseSync): Reports {
  const rows = db.prepare("SELECT name, json FROM reports").all() as {
    name: string;
    json: string;
  }[];
  const reports: Record<string, unknown> = {};
  for (const row of rows) reports[row.name] = JSON.parse(row.json);
  return reports as unknown as Reports;
}

/**
 * The analytics marker, if any.
 *
 * @example
 * ```ts
 * import { analyticsRun } from "./reports_store.ts";
 * // analyticsRun(db)?.runId;
 * ```
 */
export function analyticsRun(db: DatabaseSync): AnalyticsRun | undefined {
  return getMeta<AnalyticsRun>(db, "analytics_run");
}

/**
 * The alerts marker, if any.
 *
 * @example
 * ```ts
 * import { alertsRun } from "./reports_store.ts";
 * // alertsRun(db)?.active;
 * ```
 */
export function alertsRun(db: DatabaseSync): AlertsRun | undefined {
  return getMeta<AlertsRun>(db, "alerts_run");
}
