/**
 * The pipeline against DuckDB on a generated file, and 1, 2 and 8 workers
 * with tiny partitions giving identical reports.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { writeCsv } from "../../lib/gen/write.ts";
import { duckdbReports } from "./duckdb_oracle.ts";
import { readCsv, readJson, reportSnapshot, runPipeline, workspaceConfig } from "./harness.ts";

Deno.test("pipeline equals DuckDB on a generated file; 1, 2 and 8 workers agree", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-oracle-" });
  const csv = join(dir, "gen.csv");
  await writeCsv(csv, {
    rows: 20_000,
    seed: 7,
    mixed: false,
    startMs: Date.UTC(2024, 0, 15),
    days: 3,
  });
  const oracle = await duckdbReports(csv);

  const snapshots: Record<string, string>[] = [];
  for (const workers of [1, 2, 8]) {
    const config = workspaceConfig(join(dir, `w${workers}`), [csv], (c) => {
      c.engine.workers = workers;
      c.engine.partition_mb = 0.05; // ~52 kB partitions: dozens of boundaries
    });
    const { summary } = await runPipeline(config);
    const reports = config.output.reports_dir;
    if (workers === 1) {
      assert.equal(summary.total_rows, 20_000);
      assert.equal(summary.rejected_rows, 0);
      assert.deepEqual(summary.levels, {
        DEBUG: 0,
        INFO: 0,
        WARN: 0,
        ERROR: 0,
        CRITICAL: 0,
        UNKNOWN: 0,
        ...oracle.levels,
      });
      const byHour = await readCsv(join(reports, "csv/errors_by_hour.csv"));
      assert.deepEqual(
        byHour.map((row) => ({
          hour: row.hour,
          error_count: Number(row.error_count),
          total_count: Number(row.total_count),
        })),
        oracle.byHour,
      );
      assert.deepEqual(await readJson(join(reports, "json/errors_by_day.json")), oracle.byDay);
      for (
        const [file, column, expected] of [
          ["csv/errors_per_ip.csv", "ip", oracle.perIp],
          ["csv/errors_per_service.csv", "service", oracle.perService],
        ] as const
      ) {
        const rows = await readCsv(join(reports, file));
        assert.equal(rows.length, expected.size);
        for (const row of rows) {
          assert.deepEqual(
            { error_count: Number(row.error_count), total_count: Number(row.total_count) },
            expected.get(row[column]),
            `${column} ${row[column]}`,
          );
        }
      }
    }
    snapshots.push(await reportSnapshot(reports));
  }
  assert.deepEqual(snapshots[1], snapshots[0]);
  assert.deepEqual(snapshots[2], snapshots[0]);
  await Deno.remove(dir, { recursive: true });
});
