/**
 * DuckDB as an independent oracle: the same reports computed by SQL over the
 * same CSV, with DuckDB's own CSV reader and timestamp parser.
 */

import { DuckDBInstance } from "@duckdb/node-api";

/** Level normalisation in SQL, written from the spec (not from our code). */
const LEVEL_SQL = `CASE upper(trim(coalesce(log_level, '')))
  WHEN 'TRACE' THEN 'DEBUG' WHEN 'DEBUG' THEN 'DEBUG'
  WHEN 'INFO' THEN 'INFO' WHEN 'INFORMATION' THEN 'INFO' WHEN 'NOTICE' THEN 'INFO'
  WHEN 'WARN' THEN 'WARN' WHEN 'WARNING' THEN 'WARN'
  WHEN 'ERROR' THEN 'ERROR' WHEN 'ERR' THEN 'ERROR'
  WHEN 'CRITICAL' THEN 'CRITICAL' WHEN 'CRIT' THEN 'CRITICAL' WHEN 'FATAL' THEN 'CRITICAL'
  WHEN 'SEVERE' THEN 'CRITICAL' WHEN 'ALERT' THEN 'CRITICAL' WHEN 'EMERG' THEN 'CRITICAL'
  WHEN 'EMERGENCY' THEN 'CRITICAL' ELSE 'UNKNOWN' END`;

export interface OracleReports {
  levels: Record<string, number>;
  byHour: { hour: string; error_count: number; total_count: number }[];
  perIp: Map<string, { error_count: number; total_count: number }>;
  perService: Map<string, { error_count: number; total_count: number }>;
  byDay: { date: string; error_count: number; total_count: number }[];
}

/** Computes level, hourly, daily, per-ip and per-service counts of a plain CSV (`YYYY-MM-DD HH:MM:SS` timestamps). */
export async function duckdbReports(csvPath: string): Promise<OracleReports> {
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE logs AS
      SELECT strptime(timestamp, '%Y-%m-%d %H:%M:%S') AS ts, ${LEVEL_SQL} AS level,
             coalesce(ip, '') AS ip, coalesce(service, '') AS service
      FROM read_csv('${csvPath.replaceAll("'", "''")}', header = true, quote = '"', escape = '"',
        all_varchar = true, columns = {'timestamp': 'VARCHAR', 'log_level': 'VARCHAR', 'message': 'VARCHAR',
        'ip': 'VARCHAR', 'service': 'VARCHAR', 'endpoint': 'VARCHAR'})`);
    const isError = "level IN ('ERROR', 'CRITICAL')";
    const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
    const levels: Record<string, number> = {};
    for (const row of await rows("SELECT level, count(*) AS n FROM logs GROUP BY level")) {
      levels[String(row.level)] = Number(row.n);
    }
    const byHour =
      (await rows(`SELECT strftime(date_trunc('hour', ts), '%Y-%m-%dT%H:00:00Z') AS hour,
        count(*) FILTER (WHERE ${isError}) AS e, count(*) AS t FROM logs GROUP BY 1 ORDER BY 1`))
        .map((row) => ({
          hour: String(row.hour),
          error_count: Number(row.e),
          total_count: Number(row.t),
        }));
    const byDay = (await rows(`SELECT strftime(ts, '%Y-%m-%d') AS d,
        count(*) FILTER (WHERE ${isError}) AS e, count(*) AS t FROM logs GROUP BY 1 ORDER BY 1`))
      .map((row) => ({
        date: String(row.d),
        error_count: Number(row.e),
        total_count: Number(row.t),
      }));
    const perKey = async (column: string) => {
      const map = new Map<string, { error_count: number; total_count: number }>();
      for (
        const row of await rows(`SELECT ${column} AS k, count(*) FILTER (WHERE ${isError}) AS e,
          count(*) AS t FROM logs GROUP BY 1`)
      ) {
        const key = String(row.k);
        map.set(key === "" ? "(none)" : key, {
          error_count: Number(row.e),
          total_count: Number(row.t),
        });
      }
      return map;
    };
    return {
      levels,
      byHour,
      byDay,
      perIp: await perKey("ip"),
      perService: await perKey("service"),
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
