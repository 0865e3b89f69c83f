/**
 * The dashboard's view model on a store built from the hand-counted fixture
 * (tests/fixtures/handcount): every panel's numbers for a filter equal the
 * hand count of the fixture's rows under that filter.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { handcountSettings, runPipeline, workspaceConfig } from "../e2e/harness.ts";
import { createZone } from "../../lib/time/zone.ts";
import { Level } from "../../lib/model/level.ts";
import { initialFilter, parseCustomRange, toggleLevel } from "../../tui/filter.ts";
import type { DashboardFilter } from "../../tui/filter.ts";
import { openStoreReader, readSnapshot } from "../../tui/snapshot.ts";
import type { StoreSnapshot } from "../../tui/snapshot.ts";
import { buildView } from "../../tui/view_model.ts";

const FIXTURE = new URL("../fixtures/handcount/", import.meta.url).pathname;
const UTC = { zone: createZone("UTC"), defaultYear: 2024 };

async function fixtureSnapshot(): Promise<{ snapshot: StoreSnapshot; dir: string }> {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-view-" });
  const config = workspaceConfig(
    dir,
    [join(FIXTURE, "app.csv"), join(FIXTURE, "more.csv")],
    handcountSettings,
  );
  await runPipeline(config);
  const db = openStoreReader(config.output.state_dir)!;
  const snapshot = readSnapshot(db)!;
  // Unchanged store: the same snapshot object comes back (no re-read).
  assert.equal(readSnapshot(db, snapshot), snapshot);
  db.close();
  return { snapshot, dir };
}

const { snapshot, dir } = await fixtureSnapshot();
const view = (change: (f: DashboardFilter) => DashboardFilter = (f) => f) =>
  buildView(snapshot, change(initialFilter()));

Deno.test("view: everything (16 rows, 9 errors, 2 rejected, 1 active alert)", () => {
  const v = view();
  assert.equal(v.metrics.total, 16);
  assert.equal(v.metrics.errors, 9);
  assert.equal(v.metrics.errorRate, 9 / 16);
  assert.equal(v.metrics.rejected, 2);
  assert.equal(v.metrics.activeAlerts, 1); // HIGH_ERROR_RATE over the last hour (see handcountSettings)
  assert.equal(v.metrics.firstMs, Date.UTC(2024, 0, 15, 10));
  assert.equal(v.metrics.lastMs, Date.UTC(2024, 0, 16, 10));
  assert.deepEqual(v.levels.map((l) => [l.level, l.count]), [
    ["DEBUG", 1],
    ["INFO", 3],
    ["WARN", 2],
    ["ERROR", 6],
    ["CRITICAL", 3],
    ["UNKNOWN", 1],
  ]);
  assert.equal(v.trend.bucket, "hour");
  assert.equal(v.trend.points.length, 25); // 01-15 10h … 01-16 10h, empty hours included
  const nonEmpty = v.trend.points.filter((p) => p.total > 0).map((
    p,
  ) => [new Date(p.start).toISOString(), p.errors, p.total]);
  assert.deepEqual(nonEmpty, [
    ["2024-01-15T10:00:00.000Z", 3, 5],
    ["2024-01-15T11:00:00.000Z", 1, 3],
    ["2024-01-16T09:00:00.000Z", 2, 5],
    ["2024-01-16T10:00:00.000Z", 3, 3],
  ]);
  assert.deepEqual(v.topTypes.slice(0, 3), [
    { type: "ConnectionError", count: 2 },
    { type: "PermissionDenied", count: 2 },
    { type: "Timeout", count: 2 },
  ]);
  assert.deepEqual(v.services.map((s) => [s.key, s.errors, s.total]), [
    ["api", 5, 6],
    ["auth", 3, 3],
    ["db", 1, 3],
    ["web", 0, 3],
    ["cache", 0, 1],
  ]);
  assert.deepEqual(v.ips.slice(0, 2).map((ip) => [ip.key, ip.errors, ip.total]), [[
    "10.0.0.2",
    3,
    4,
  ], ["10.0.0.1", 2, 4]]);
  assert.deepEqual(v.topErrors.slice(0, 2), [
    {
      template: "Connection refused to <*>",
      type: "ConnectionError",
      count: 2,
      // Both rows mask alike: one variant, whose two minutes each give a recent example.
      examples: [
        { ts: Date.UTC(2024, 0, 15, 10, 20), message: "Connection refused to 10.0.0.8:5432" },
        { ts: Date.UTC(2024, 0, 15, 10, 10), message: "Connection refused to 10.0.0.9:5432" },
      ],
    },
    {
      // The miner counts a unit after a number as part of the value.
      template: "Request timed out after <*> <*>",
      type: "Timeout",
      count: 2,
      examples: [
        { ts: Date.UTC(2024, 0, 16, 9, 10), message: "Request timed out after 31 s" },
        { ts: Date.UTC(2024, 0, 16, 9, 0), message: "Request timed out after 30 s" },
      ],
    },
  ]);
  assert.equal(v.topErrors.length, 7);
  assert.deepEqual(v.allServices, ["api", "auth", "cache", "db", "web"]);
});

Deno.test("view: ERROR toggled off leaves CRITICAL as the only errors", () => {
  const v = view((f) => toggleLevel(f, Level.ERROR));
  assert.equal(v.metrics.total, 10);
  assert.equal(v.metrics.errors, 3);
  assert.deepEqual(v.topTypes.map((t) => t.type).sort(), [
    "Disk full on volume data",
    "NullPointerException",
    'Out of memory: "worker" killed',
  ]);
  assert.equal(v.levels.find((l) => l.level === "ERROR")?.shown, false);
});

Deno.test("view: the last level cannot be toggled off", () => {
  let filter = initialFilter();
  for (let level = 0; level < 5; level++) filter = toggleLevel(filter, level);
  assert.equal(toggleLevel(filter, Level.UNKNOWN), filter);
  assert.equal(buildView(snapshot, filter).metrics.total, 1);
});

Deno.test("view: presets are relative to the newest log (2024-01-16 10:30)", () => {
  const lastHour = view((f) => ({ ...f, range: "1h" }));
  assert.equal(lastHour.metrics.total, 3);
  assert.equal(lastHour.metrics.errors, 3);
  assert.deepEqual(lastHour.services.map((s) => [s.key, s.errors, s.total]), [["auth", 3, 3]]);
  assert.deepEqual(lastHour.ips.map((ip) => [ip.key, ip.errors, ip.total]), [["10.0.0.5", 2, 2], [
    "(none)",
    1,
    1,
  ]]);

  const day = view((f) => ({ ...f, range: "24h" }));
  assert.equal(day.metrics.total, 11);
  assert.equal(day.metrics.errors, 6);
  assert.equal(view((f) => ({ ...f, range: "7d" })).metrics.total, 16);
});

Deno.test("view: one service filters every panel", () => {
  const v = view((f) => ({ ...f, service: "api" }));
  assert.equal(v.metrics.total, 6);
  assert.equal(v.metrics.errors, 5);
  assert.deepEqual(v.topTypes, [
    { type: "ConnectionError", count: 2 },
    { type: "Timeout", count: 2 },
    { type: "NullPointerException", count: 1 },
  ]);
  assert.deepEqual(v.ips.map((ip) => [ip.key, ip.errors, ip.total]), [["10.0.0.2", 3, 3], [
    "10.0.0.1",
    2,
    3,
  ]]);
  assert.deepEqual(v.services.map((s) => s.key), ["api"]);
  assert.equal(view((f) => ({ ...f, service: "no-such-service" })).metrics.total, 0);
});

Deno.test("view: a custom range in any pipeline timestamp format; bad input is refused", () => {
  const result = parseCustomRange(initialFilter(), "2024-01-15..2024-01-15", UTC);
  assert.ok("filter" in result);
  const v = buildView(snapshot, result.filter);
  assert.equal(v.metrics.total, 8);
  assert.equal(v.metrics.errors, 4);

  const apache = parseCustomRange(initialFilter(), "16/Jan/2024:09:00:00 +0000..", UTC);
  assert.ok("filter" in apache);
  assert.equal(buildView(snapshot, apache.filter).metrics.total, 8);

  for (const bad of ["yesterday..today", "2024-01-16..2024-01-15", "no range"]) {
    assert.ok("error" in parseCustomRange(initialFilter(), bad, UTC), bad);
  }
});

Deno.test("view: cleanup", async () => {
  await Deno.remove(dir, { recursive: true });
});

Deno.test("snapshot: a store from another logpulse version is named, not a crash", () => {
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '1')").run();
  assert.throws(
    () => readSnapshot(db),
    /written by another logpulse version; run `deno task pipeline`/,
  );
  db.close();
});
