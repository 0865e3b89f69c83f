/**
 * A worker reuses one row folder for partition after partition. A reused
 * folder must fold exactly like a new one: its partial aggregate, counts and
 * rejections for a partition are identical, array for array, to those of a
 * folder that never saw the partition before.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { ScanSettings } from "../../lib/engine/partition_scan.ts";
import { scanPartition } from "../../lib/engine/partition_scan.ts";
import { keepRowFolder, takeRowFolder } from "../../lib/engine/folder_reuse.ts";
import { writeCsv } from "../../lib/gen/write.ts";
import { Level } from "../../lib/model/level.ts";
import { createZone } from "../../lib/time/zone.ts";
import { wholeFileJob } from "./whole_file_job.ts";

const time = { zone: createZone("UTC"), defaultYear: 2024 };

function settingsCopy(): ScanSettings {
  return {
    timezone: "UTC",
    maxRecordBytes: 1 << 20,
    errorLevels: [Level.ERROR, Level.CRITICAL],
    rules: [{ name: "Timeout", pattern: "timed out", flags: "i" }],
  };
}

Deno.test("takeRowFolder reuses the kept folder for the same settings only", () => {
  const settings = settingsCopy();
  const folder = takeRowFolder(settings);
  keepRowFolder(folder);
  assert.equal(takeRowFolder(settings), folder);
  keepRowFolder(folder);
  assert.notEqual(takeRowFolder(settingsCopy()), folder);
});

Deno.test("a reused folder gives the same partial, counts and rejections as a new one", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-reuse-" });
  try {
    // Different seeds and hours: other keys, templates and first-seen orders in each file.
    const first = join(dir, "first.csv");
    const second = join(dir, "second.csv");
    await writeCsv(first, {
      rows: 20_000,
      seed: 5,
      mixed: true,
      startMs: Date.UTC(2024, 0, 15),
      days: 1,
    });
    await writeCsv(second, {
      rows: 15_000,
      seed: 9,
      mixed: true,
      startMs: Date.UTC(2024, 1, 3),
      days: 2,
    });
    const reused = settingsCopy();
    await scanPartition(await wholeFileJob(first), reused, time);
    // Same settings object: this scan takes the folder the first one kept.
    const again = await scanPartition(await wholeFileJob(second), reused, time);
    // Other settings object: a new folder.
    const fresh = await scanPartition(await wholeFileJob(second), settingsCopy(), time);
    assert.ok(fresh.rejected > 0, "the mixed file has rejected rows to compare");
    assert.ok(fresh.partial.templates.length > 1, "and error templates");
    assert.deepEqual(again, fresh);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
