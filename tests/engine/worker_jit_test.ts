/**
 * The scan workers keep their optimized code across partitions: posting a
 * partition's result must not make V8 discard it (a worker transfers an empty
 * partial before it compiles anything; see `lib/engine/worker.ts`). Read from
 * V8's deoptimization trace of a real worker scan, so no timing is involved.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { writeCsv } from "../../lib/gen/write.ts";

const DRIVER = fileURLToPath(new URL("./scan_with_trace.ts", import.meta.url));

Deno.test("worker: posting partition results does not discard the worker's optimized code", async () => {
  const file = await Deno.makeTempFile({ prefix: "logpulse-jit-", suffix: ".csv" });
  try {
    // ~19 MB in 4 MiB partitions: the fold is optimized well within the first.
    await writeCsv(file, {
      rows: 200_000,
      seed: 3,
      mixed: false,
      startMs: Date.UTC(2024, 0, 15),
      days: 1,
    });
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--v8-flags=--trace-deopt", DRIVER, file, "4"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const out = new TextDecoder().decode(stdout);
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    assert.match(out, /scanned 200000 records in [5-9] partitions/);
    // The trace must be on, or the absence below would prove nothing.
    assert.match(out, /bailout \(kind: deopt/);
    const discarded = out.split("\n").filter((line) => line.includes("prototype chain changed"));
    assert.deepEqual(discarded, [], `${discarded.length} compiled functions discarded`);
  } finally {
    await Deno.remove(file);
  }
});
