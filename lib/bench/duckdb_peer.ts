/**
 * DuckDB doing logpulse's work on the same CSV, for the benchmark: read the
 * file, normalise levels, template and type error messages, build the
 * (hour, level, service|ip|endpoint|error type) cube and every report.
 *
 * @module
 */

import { DuckDBInstance } from "@duckdb/node-api";

/** Level normalisation, as the pipeline specifies it. */
const LEVEL_SQL = `CASE upper(trim(coalesce(log_level, '')))
  WHEN 'TRACE' THEN 'DEBUG' WHEN 'DEBUG' THEN 'DEBUG'
  WHEN 'INFO' THEN 'INFO' WHEN 'INFORMATION' THEN 'INFO' WHEN 'NOTICE' THEN 'INFO'
  WHEN 'WARN' THEN 'WARN' WHEN 'WARNING' THEN 'WARN'
  WHEN 'ERROR' THEN 'ERROR' WHEN 'ERR' THEN 'ERROR'
  WHEN 'CRITICAL' THEN 'CRITICAL' WHEN 'CRIT' THEN 'CRITICAL' WHEN 'FATAL' THEN 'CRITICAL'
  WHEN 'SEVERE' THEN 'CRITICAL' WHEN 'ALERT' THEN 'CRITICAL' WHEN 'EMERG' THEN 'CRITICAL'
  WHEN 'EMERGENCY' THEN 'CRITICAL' ELSE 'UNKNOWN' END`;

/** Error-type rules as SQL (the shipped defaults), tried in order on the template. */
const TYPE_SQL = `CASE
  WHEN regexp_matches(template, '\\b([A-Z][A-Za-z0-9]*(Exception|Error))\\b')
    THEN regexp_extract(template, '\\b([A-Z][A-Za-z0-9]*(Exception|Error))\\b', 1)
  WHEN regexp_matches(template, '(?i)timeout|\\btime[sd]? ?outs?\\b|deadline exceeded') THEN 'Timeout'
  WHEN regexp_matches(template, '(?i)connection (refused|reset|closed|lost|aborted|failed)|unreachable|broken pipe|ECONNREFUSED|ECONNRESET') THEN 'ConnectionError'
  WHEN regexp_matches(template, '(?i)auth(entication)? failed|invalid (credentials|password|token)|unauthori[sz]ed|login failed') THEN 'AuthenticationError'
  WHEN regexp_matches(template, '(?i)not found|no such file|does not exist') THEN 'NotFound'
  WHEN regexp_matches(template, '(?i)permission denied|access denied|forbidden|not permitted|EACCES') THEN 'PermissionDenied'
  ELSE template END`;

/**
 * Timestamp parsing in SQL for every format the pipeline reads (the mixed
 * benchmark file uses them all); NULL when none matches.
 */
function timestampSql(defaultYear: number): string {
  const t = "trim(timestamp)";
  return `CASE
    WHEN regexp_full_match(${t}, '[0-9]{13}') THEN make_timestamp(CAST(${t} AS BIGINT) * 1000)
    WHEN regexp_full_match(${t}, '[0-9]{10}') THEN make_timestamp(CAST(${t} AS BIGINT) * 1000000)
    ELSE COALESCE(
      try_strptime(${t}, '%Y-%m-%d %H:%M:%S'),
      try_strptime(${t}, '%Y-%m-%d %H:%M:%S.%g'),
      try_strptime(${t}, '%Y-%m-%dT%H:%M:%SZ'),
      try_strptime(${t}, '%Y-%m-%d %H:%M:%S,%g'),
      try_strptime(${t}, '%Y/%m/%d %H:%M:%S'),
      CAST(try_strptime(${t}, '%d/%b/%Y:%H:%M:%S %z') AS TIMESTAMP),
      try_strptime('${defaultYear} ' || ${t}, '%Y %b %d %H:%M:%S'))
    END`;
}

/** What the peer computed (for the equality check) and how long it took. */
export interface PeerResult {
  seconds: number;
  levels: Record<string, number>;
  /** `hour number → [errors, total]`. */
  byHour: Map<number, [number, number]>;
  perService: Map<string, [number, number]>;
  perIp: Map<string, [number, number]>;
}

/**
 * Runs the peer on a generated CSV with `threads` threads. For `mixed`
 * files it reads every timestamp format and drops rows with a wrong field
 * count or no parseable time, as the pipeline rejects them.
 *
 * @example
 * ```ts
 * import { runDuckdbPeer } from "./duckdb_peer.ts";
 * // const peer = await runDuckdbPeer("/tmp/gen.csv", { threads: 2, mixed: false, defaultYear: 2024 });
 * ```
 */
export async function runDuckdbPeer(
  csvPath: string,
  options: { threads: number; mixed: boolean; defaultYear: number },
): Promise<PeerResult> {
  const began = performance.now();
  const instance = await DuckDBInstance.create(":memory:", { threads: String(options.threads) });
  const db = await instance.connect();
  try {
    const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
    const ts = options.mixed
      ? timestampSql(options.defaultYear)
      : "strptime(timestamp, '%Y-%m-%d %H:%M:%S')";
    await db.run(`CREATE TEMP TABLE logs AS
      SELECT CAST(epoch(date_trunc('hour', ts)) AS BIGINT) // 3600 AS hour, * FROM (
        SELECT ${ts} AS ts, ${LEVEL_SQL} AS level,
               coalesce(ip, '') AS ip, coalesce(service, '') AS service,
               coalesce(endpoint, '') AS endpoint, message
        FROM read_csv('${csvPath.replaceAll("'", "''")}', header = true, quote = '"', escape = '"',
          ignore_errors = ${options.mixed},
          columns = {'timestamp': 'VARCHAR', 'log_level': 'VARCHAR', 'message': 'VARCHAR',
          'ip': 'VARCHAR', 'service': 'VARCHAR', 'endpoint': 'VARCHAR'}))
      WHERE ts IS NOT NULL`);
    await db.run(`CREATE TEMP TABLE errors AS
      SELECT *, ${TYPE_SQL} AS error_type FROM (
        SELECT hour, ts, level, message,
               regexp_replace(message, '[^\\s,;()\\[\\]{}<>|=/\\\\"'']*[0-9][^\\s,;()\\[\\]{}<>|=/\\\\"'']*', '<*>', 'g')
                 AS template
        FROM logs WHERE level IN ('ERROR', 'CRITICAL'))`);
    const isError = "level IN ('ERROR', 'CRITICAL')";
    // The cube, as logpulse stores it.
    for (const key of ["service", "ip", "endpoint"]) {
      await rows(`SELECT hour, level, ${key}, count(*) FROM logs GROUP BY ALL`);
    }
    await rows(`SELECT hour, level, error_type, count(*) FROM errors GROUP BY ALL`);
    // The reports.
    const levelRows = await rows(`SELECT level, count(*) AS n FROM logs GROUP BY level`);
    const hourRows = await rows(
      `SELECT hour, count(*) FILTER (WHERE ${isError}) AS e, count(*) AS t FROM logs GROUP BY hour`,
    );
    await rows(`SELECT error_type, count(*) AS n FROM errors GROUP BY 1 ORDER BY n DESC`);
    await rows(`SELECT error_type, template, count(*) AS n, min(ts), max(ts), arg_min(message, ts)
      FROM errors GROUP BY 1, 2 ORDER BY n DESC LIMIT 10`);
    await rows(
      `SELECT strftime(ts, '%Y-%m-%d'), count(*) FILTER (WHERE ${isError}), count(*) FROM logs GROUP BY 1`,
    );
    const perKey = async (column: string) => {
      const map = new Map<string, [number, number]>();
      for (
        const row of await rows(
          `SELECT ${column} AS k, count(*) FILTER (WHERE ${isError}) AS e, count(*) AS t FROM logs GROUP BY 1`,
        )
      ) map.set(row.k === "" ? "(none)" : String(row.k), [Number(row.e), Number(row.t)]);
      return map;
    };
    const perService = await perKey("service");
    const perIp = await perKey("ip");
    const levels: Record<string, number> = {};
    for (const row of levelRows) levels[String(row.level)] = Number(row.n);
    const byHour = new Map<number, [number, number]>();
    for (const row of hourRows) byHour.set(Number(row.hour), [Number(row.e), Number(row.t)]);
    return { seconds: (performance.now() - began) / 1000, levels, byHour, perService, perIp };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
