/**
 * The benchmark's correctness check: logpulse's reports against DuckDB's
 * numbers for the same file (levels, errors and totals per hour, service
 * and ip).
 *
 * @module
 */

import { parse } from "csv-parse/sync";
import { join } from "node:path";

/** DuckDB's results as printed by `duckdb_cli.ts`. */
export interface PeerJson {
  levels: Record<string, number>;
  byHour: [number, [number, number]][];
  perService: [string, [number, number]][];
  perIp: [string, [number, number]][];
}

/** The outcome of a comparison. */
export interface Comparison {
  equal: boolean;
  checked: string;
  problems: string[];
}

async function csvRows(path: string): Promise<Record<string, string>[]> {
  return parse(await Deno.readTextFile(path), { columns: true }) as Record<string, string>[];
}

/**
 * Compares a reports folder with the peer's numbers.
 *
 * @example
 * ```ts
 * import { compareWithPeer } from "./compare.ts";
 * // const { equal, problems } = await compareWithPeer("reports", peerJson);
 * ```
 */
export async function compareWithPeer(reportsDir: string, peer: PeerJson): Promise<Comparison> {
  const problems: string[] = [];
  const summary = JSON.parse(await Deno.readTextFile(join(reportsDir, "json", "summary.json")));
  for (const [level, n] of Object.entries(summary.levels as Record<string, number>)) {
    if ((peer.levels[level] ?? 0) !== n) {
      problems.push(`level ${level}: ${n} vs ${peer.levels[level] ?? 0}`);
    }
  }
  const hours = new Map(peer.byHour);
  const byHour = await csvRows(join(reportsDir, "csv", "errors_by_hour.csv"));
  if (byHour.length !== hours.size) problems.push(`hours: ${byHour.length} vs ${hours.size}`);
  for (const row of byHour) {
    const expected = hours.get(Date.parse(row.hour) / 3_600_000);
    if (
      !expected || expected[0] !== Number(row.error_count) ||
      expected[1] !== Number(row.total_count)
    ) {
      problems.push(
        `hour ${row.hour}: ${row.error_count}/${row.total_count} vs ${expected?.join("/")}`,
      );
    }
  }
  for (
    const [file, column, list] of [
      ["errors_per_service.csv", "service", peer.perService],
      ["errors_per_ip.csv", "ip", peer.perIp],
    ] as const
  ) {
    const expected = new Map(list);
    const rows = await csvRows(join(reportsDir, "csv", file));
    if (rows.length !== expected.size) {
      problems.push(`${column}s: ${rows.length} vs ${expected.size}`);
    }
    for (const row of rows) {
      const want = expected.get(row[column]);
      if (!want || want[0] !== Number(row.error_count) || want[1] !== Number(row.total_count)) {
        problems.push(
          `${column} ${row[column]}: ${row.error_count}/${row.total_count} vs ${want?.join("/")}`,
        );
      }
    }
  }
  return {
    equal: problems.length === 0,
    checked:
      `levels, ${byHour.length} hours, ${peer.perService.length} services, ${peer.perIp.length} ips`,
    problems: problems.slice(0, 10),
  };
}
