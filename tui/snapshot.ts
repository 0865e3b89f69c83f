/**
 * A consistent in-memory copy of the store's cube for the dashboard, read in
 * one transaction so a pipeline writing meanwhile (WAL) is never seen half
 * done. Filtering then runs over typed arrays, not SQL, so a filter change
 * redraws in milliseconds even for a cube built from many millions of rows.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { DIMENSIONS } from "../lib/aggregate/partial.ts";
import type { Dimension } from "../lib/aggregate/partial.ts";
import { levelIndex } from "../lib/model/level.ts";
import { readCube, readDimKeys } from "../lib/store/cube.ts";
import { MissingInputError } from "../lib/cli/exit.ts";
import { storeExists, storePath } from "../lib/store/open.ts";
import { SCHEMA_VERSION } from "../lib/store/schema.ts";

/** One dimension's cells: parallel arrays, plus key strings by id. */
export interface SnapshotDimension {
  keys: string[];
  hour: Int32Array;
  level: Uint8Array;
  service: Int32Array;
  key: Int32Array;
  count: Float64Array;
}

/** One alert of the history. */
export interface SnapshotAlert {
  firedAt: number;
  severity: string;
  type: string;
  message: string;
}

/** An example message of a template. */
export interface TemplateExample {
  ts: number;
  message: string;
}

/** Examples kept per template for the drill-down. */
const EXAMPLES_PER_TEMPLATE = 20;

/** What the dashboard shows, as of one committed pipeline state. */
export interface StoreSnapshot {
  /** Changes whenever a stage commits something the dashboard shows. */
  version: string;
  runId: number;
  finishedAt: string;
  errorLevels: number[];
  dims: Record<Dimension, SnapshotDimension>;
  /** Per template id: the error type most of its errors have. */
  templateType: string[];
  /**
   * Per template id: example messages, newest first: for each error type and masked variant,
   * the first message of each of its newest 10-minute periods, and its earliest message.
   */
  templateExamples: TemplateExample[][];
  /** Newest first. */
  alerts: SnapshotAlert[];
  activeAlerts: string[];
  rejected: number;
  records: number;
  files: number;
  minTs: number;
  maxTs: number;
}

/** The version stamp of the store's committed state (cheap; read on every refresh tick). */
function readVersion(db: DatabaseSync): string {
  const rows = db.prepare(
    "SELECT key, value FROM meta WHERE key IN ('parse_run', 'analytics_run', 'alerts_run') ORDER BY key",
  ).all() as { key: string; value: string }[];
  const alerts = db.prepare("SELECT COUNT(*) AS n, MAX(seq) AS last FROM alert_events").get() as {
    n: number;
    last: number | null;
  };
  return JSON.stringify([rows.map((row) => row.value), alerts.n, alerts.last]);
}

/**
 * A read-only connection to the store, or undefined when there is none yet.
 *
 * @example
 * ```ts
 * import { openStoreReader } from "./snapshot.ts";
 * openStoreReader("/nonexistent"); // undefined
 * ```
 */
export function openStoreReader(stateDir: string): DatabaseSync | undefined {
  if (!storeExists(stateDir)) return undefined;
  const db = new DatabaseSync(storePath(stateDir), { readOnly: true });
  db.exec("PRAGMA busy_timeout = 5000;");
  return db;
}

/**
 * Reads a snapshot, or returns `previous` when nothing changed since it was
 * read. Returns undefined when the store holds no parsed data yet.
 *
 * @example
 * ```ts
 * import { openStoreReader, readSnapshot } from "./snapshot.ts";
 * const db = openStoreReader("data/state");
 * // const snapshot = db && readSnapshot(db);
 * ```
 */
export function readSnapshot(
  db: DatabaseSync,
  previous?: StoreSnapshot,
): StoreSnapshot | undefined {
  db.exec("BEGIN");
  try {
    const hasMeta = db.prepare(
      "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
    ).get() as { n: number };
    if (hasMeta.n === 0) return undefined;
    const schema = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    if (schema && JSON.parse(schema.value) !== SCHEMA_VERSION) {
      // Written by another logpulse version: its tables are not what this one reads.
      throw new MissingInputError(
        "the store was written by another logpulse version; run `deno task pipeline` to rebuild it",
      );
    }
    const version = readVersion(db);
    if (previous && previous.version === version) return previous;
    const meta = (key: string) => {
      const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as
        | { value: string }
        | undefined;
      return row ? JSON.parse(row.value) : undefined;
    };
    const parseRun = meta("parse_run") as
      | {
        runId: number;
        finishedAt: string;
        errorLevels: string[];
        minTs: number | null;
        maxTs: number | null;
      }
      | undefined;
    if (!parseRun) return undefined;
    const alertsRun = meta("alerts_run") as { runId: number; active: string[] } | undefined;

    // Masked templates (and types named after them) show as their mined template.
    const mined = new Map(
      (db.prepare("SELECT template, mined FROM template_groups").all() as {
        template: string;
        mined: string;
      }[]).map((row) => [row.template, row.mined]),
    );
    const rename = (key: string) => mined.get(key) ?? key;
    const dims = {} as Record<Dimension, SnapshotDimension>;
    const templateIds: Int32Array[] = [];
    for (const name of DIMENSIONS) {
      const dim = readDimension(db, name);
      if (name === "template" || name === "error_type") {
        const { regrouped, ids } = regroupKeys(dim, rename);
        dims[name] = regrouped;
        if (name === "template") templateIds.push(ids);
      } else dims[name] = dim;
    }
    const newTemplateId = templateIds[0];

    const templateType: string[] = [];
    const templateExamples: TemplateExample[][] = dims.template.keys.map(() => []);
    const pairs = db.prepare(
      `SELECT p.template_id AS template, k.value AS type, p.count AS n, p.example, p.example_ts
       FROM error_pairs p JOIN dim_keys k ON k.dim = 'error_type' AND k.id = p.type_id
       ORDER BY p.template_id, n DESC, k.value`,
    ).all() as { template: number; type: string; example: string; example_ts: number }[];
    for (const pair of pairs) {
      const id = newTemplateId[pair.template];
      templateType[id] ??= rename(pair.type);
      templateExamples[id].push({ ts: pair.example_ts, message: pair.example });
    }
    const recent = db.prepare("SELECT template_id AS template, ts, message FROM pair_recent")
      .all() as { template: number; ts: number; message: string }[];
    for (const row of recent) {
      templateExamples[newTemplateId[row.template]]?.push({ ts: row.ts, message: row.message });
    }
    for (const [id, examples] of templateExamples.entries()) {
      examples.sort((a, b) =>
        b.ts - a.ts || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
      );
      // The earliest example of a pair may also be one of its recent ones.
      const distinct = examples.filter((e, i) =>
        i === 0 || e.ts !== examples[i - 1].ts || e.message !== examples[i - 1].message
      );
      templateExamples[id] = distinct.slice(0, EXAMPLES_PER_TEMPLATE);
    }

    const alerts = (db.prepare(
      `SELECT at, kind, severity, type, grp, message FROM alert_events
       ORDER BY at DESC, seq DESC LIMIT 200`,
    ).all() as {
      at: number;
      kind: string;
      severity: string;
      type: string;
      grp: string;
      message: string;
    }[])
      .map((row) => ({
        firedAt: row.at,
        severity: row.kind === "resolved" ? "RESOLVED" : row.severity,
        type: row.grp === "" ? row.type : `${row.type} ${row.grp}`,
        message: row.message,
      }));
    const files = db.prepare(
      "SELECT COUNT(*) AS files, COALESCE(SUM(records), 0) AS records, COALESCE(SUM(rejected), 0) AS rejected FROM files",
    ).get() as { files: number; records: number; rejected: number };

    return {
      version,
      runId: parseRun.runId,
      finishedAt: parseRun.finishedAt,
      errorLevels: parseRun.errorLevels.map(levelIndex),
      dims,
      templateType,
      templateExamples,
      alerts,
      activeAlerts: alertsRun?.runId === parseRun.runId ? alertsRun.active : [],
      rejected: files.rejected,
      records: files.records,
      files: files.files,
      minTs: parseRun.minTs ?? NaN,
      maxTs: parseRun.maxTs ?? NaN,
    };
  } finally {
    db.exec("COMMIT");
  }
}

/**
 * A dimension whose keys are renamed, keys with equal new names merged: the
 * new key list, and each old id's new id (cells are remapped to it).
 */
function regroupKeys(
  dim: SnapshotDimension,
  rename: (key: string) => string,
): { regrouped: SnapshotDimension; ids: Int32Array } {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const ids = new Int32Array(dim.keys.length).fill(-1);
  dim.keys.forEach((key, id) => {
    const name = rename(key);
    let to = index.get(name);
    if (to === undefined) {
      to = keys.length;
      keys.push(name);
      index.set(name, to);
    }
    ids[id] = to;
  });
  const key = dim.key.map((k) => ids[k]);
  return { regrouped: { ...dim, keys, key }, ids };
}

function readDimension(db: DatabaseSync, dim: string): SnapshotDimension {
  return { keys: readDimKeys(db, dim), ...readCube(db, dim) };
}
