/**
 * rejected.csv through the whole pipeline: three files cut into many
 * partitions on two workers, then bad rows appended to the first file (an
 * incremental run whose new rows sort before the other files' rows). The
 * file must hold every rejected row, in file and line order, as the test
 * itself wrote them.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { readCsv, runPipeline, workspaceConfig } from "./harness.ts";

const HEADER = "timestamp,log_level,message,ip,service,endpoint\n";

/** Rows for `lines` data lines from `firstLine`; every 37th line lacks two fields. */
function rows(firstLine: number, lines: number, bad: [number, string][]): string {
  let text = "";
  for (let line = firstLine; line < firstLine + lines; line++) {
    const minute = String(line % 60).padStart(2, "0");
    if (line % 37 === 0) {
      const raw = `2024-01-15 10:${minute}:00,ERROR,short row ${line},10.0.0.1`;
      bad.push([line, raw]);
      text += raw + "\n";
    } else {
      text += `2024-01-15 10:${minute}:00,INFO,row ${line} of a file,10.0.0.${line % 9},api,/x\n`;
    }
  }
  return text;
}

Deno.test("rejected.csv: every rejected row in file and line order, across partitions and an incremental run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-rejected-order-" });
  try {
    await Deno.mkdir(join(dir, "in"));
    // Written in another order than their names sort in.
    const bad = new Map<string, [number, string][]>();
    for (const name of ["c.csv", "a.csv", "b.csv"]) {
      const found: [number, string][] = [];
      await Deno.writeTextFile(join(dir, "in", name), HEADER + rows(2, 3000, found));
      bad.set(name, found);
    }
    const config = workspaceConfig(dir, [join(dir, "in")], (c) => {
      c.input.settle_seconds = 0;
      c.engine.workers = 2;
      c.engine.partition_mb = 0.02; // ~20 KB: about ten partitions per file
    });
    const expected = () =>
      ["a.csv", "b.csv", "c.csv"].flatMap((name) =>
        bad.get(name)!.map(([line, raw]) => ({
          file: join(dir, "in", name),
          line: String(line),
          reason: "expected 6 fields, found 4",
          raw,
        }))
      );

    await runPipeline(config);
    const first = await readCsv(join(dir, "reports", "rejected.csv"));
    assert.equal(first.length, 3 * 81);
    assert.deepEqual(first, expected());

    // The first file grows: its new rejected rows get later seqs than b's and c's.
    const grown: [number, string][] = [];
    await Deno.writeTextFile(join(dir, "in", "a.csv"), rows(3002, 400, grown), { append: true });
    bad.get("a.csv")!.push(...grown);
    await runPipeline(config);
    assert.deepEqual(await readCsv(join(dir, "reports", "rejected.csv")), expected());

    // Written again from a table out of seq order (the file is gone, so nothing is appended).
    await Deno.remove(join(dir, "reports", "rejected.csv"));
    await runPipeline(config);
    assert.deepEqual(await readCsv(join(dir, "reports", "rejected.csv")), expected());

    // A full run stores the rows again from scratch: the same file.
    await runPipeline(config, { full: true });
    assert.deepEqual(await readCsv(join(dir, "reports", "rejected.csv")), expected());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
