/**
 * The embedded store's schema (SQLite via `node:sqlite`). One file under
 * `output.state_dir`; WAL mode so the dashboard reads while a run writes.
 *
 * Tables:
 * - `meta(key, value)`: stage markers (JSON) such as the last parse run.
 * - `files`: per input file: its checkpoint (identity, fingerprint, offset counted to) and
 *   cumulative records, accepted, rejected, blank lines, status, problem (see
 *   `../incremental/checkpoint.ts`).
 * - `hour_levels(hour, level, count)`: rows per (UTC hour, level); hour = epoch ms / 3,600,000.
 * - `dim_keys(dim, id, value, first_seen, last_seen)`: distinct services, ips, endpoints, error
 *   types and templates.
 * - `cube_cells(dim, hour, cells, level, service, key, count)`: the cube: rows per (hour,
 *   level, service, key) per dimension, so any panel filters by time, level and service. One row
 *   per (dimension, hour), each column a BLOB of a typed array (see `cube.ts`).
 * - `minute_series(hour, cells, minute, level, service, count)`: rows per (minute, level,
 *   service) for the last days, one row of BLOBs per hour; windowed alerts slide over it.
 * - `templates(id, template)` and `error_pairs(type_id, template_id, count, first_seen, last_seen, example, example_ts)`.
 * - `type_examples(type_id, rank, ts, message)`: the earliest few messages per error type.
 * - `pair_recent(type_id, template_id, rank, ts, message)`: per (type, template), the first
 *   message of each of its newest 10-minute periods (the drill-down).
 * - `rejected(seq, file, line, reason, raw)`: rows not accepted.
 * - `alert_events(...)`: alert history in log time (firing, repeat, resolved) with webhook
 *   delivery state; `alert_state(type, grp, state, since, last_sent)`: pending and firing
 *   alerts between runs (see `../alerts/history.ts`).
 * - `reports(name, json)`: analytics results, read by alerts, export and the dashboard.
 * - `template_groups(template, mined)`: the mined template of each masked template
 *   (written by analytics; see `../templates/group_templates.ts`).
 * Times are UTC epoch milliseconds.
 *
 * @module
 */

/** Bumped when the schema changes incompatibly. */
export const SCHEMA_VERSION = 5;

/**
 * The columns of `rejected`: also those of the spool a parse run fills, which
 * a full run renames to `rejected` at its commit (see `rejected_spool.ts`).
 */
export const REJECTED_COLUMNS_SQL =
  "(seq INTEGER PRIMARY KEY, file TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, raw TEXT NOT NULL)";

/** DDL creating every table (idempotent). */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
  path TEXT NOT NULL, name TEXT NOT NULL, gzip INTEGER NOT NULL, dev INTEGER, ino INTEGER,
  size INTEGER NOT NULL, mtime_ms REAL NOT NULL, head_length INTEGER NOT NULL,
  head_hash TEXT NOT NULL, offset INTEGER NOT NULL, lines INTEGER NOT NULL,
  records INTEGER NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL,
  blank_lines INTEGER NOT NULL, pending_bytes INTEGER NOT NULL, status TEXT NOT NULL, problem TEXT
);
CREATE TABLE IF NOT EXISTS hour_levels (
  hour INTEGER NOT NULL, level TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (hour, level)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dim_keys (
  dim TEXT NOT NULL, id INTEGER NOT NULL, value TEXT NOT NULL,
  first_seen REAL NOT NULL, last_seen REAL NOT NULL,
  PRIMARY KEY (dim, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cube_cells (
  dim TEXT NOT NULL, hour INTEGER NOT NULL, cells INTEGER NOT NULL, level BLOB NOT NULL,
  service BLOB NOT NULL, key BLOB NOT NULL, count BLOB NOT NULL, PRIMARY KEY (dim, hour)
);
CREATE TABLE IF NOT EXISTS minute_series (
  hour INTEGER PRIMARY KEY, cells INTEGER NOT NULL, minute BLOB NOT NULL,
  level BLOB NOT NULL, service BLOB NOT NULL, count BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS templates (id INTEGER PRIMARY KEY, template TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS error_pairs (
  type_id INTEGER NOT NULL, template_id INTEGER NOT NULL, count INTEGER NOT NULL,
  first_seen REAL NOT NULL, last_seen REAL NOT NULL, example TEXT NOT NULL, example_ts REAL NOT NULL,
  PRIMARY KEY (type_id, template_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pair_recent (
  type_id INTEGER NOT NULL, template_id INTEGER NOT NULL, rank INTEGER NOT NULL, ts REAL NOT NULL,
  message TEXT NOT NULL, PRIMARY KEY (type_id, template_id, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS type_examples (
  type_id INTEGER NOT NULL, rank INTEGER NOT NULL, ts REAL NOT NULL, message TEXT NOT NULL,
  PRIMARY KEY (type_id, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rejected ${REJECTED_COLUMNS_SQL};
CREATE TABLE IF NOT EXISTS alert_events (
  seq INTEGER PRIMARY KEY, at REAL NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
  type TEXT NOT NULL, grp TEXT NOT NULL, labels TEXT NOT NULL, starts_at REAL NOT NULL,
  message TEXT NOT NULL, value REAL NOT NULL, threshold REAL NOT NULL,
  delivery TEXT NOT NULL, attempts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_state (
  type TEXT NOT NULL, grp TEXT NOT NULL, state TEXT NOT NULL, since INTEGER NOT NULL,
  last_sent INTEGER, PRIMARY KEY (type, grp)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (name TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS template_groups (template TEXT PRIMARY KEY, mined TEXT NOT NULL);
`;

/** Aggregate tables rewritten whole by every parse run (they are small). */
export const WHOLE_TABLES = [
  "dim_keys",
  "templates",
  "error_pairs",
  "pair_recent",
  "type_examples",
  "reports",
  "template_groups",
] as const;

/**
 * Aggregate tables kept per hour: a full run rewrites them, an incremental
 * run only the hours it touched (files and rejected rows are updated;
 * alerts persist).
 */
export const HOURLY_TABLES = ["hour_levels", "cube_cells", "minute_series"] as const;
