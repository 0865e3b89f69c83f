/**
 * Levels from keywords through the pipeline: a JSON-lines file without a
 * level field gets ERROR/WARN/CRITICAL/INFO from its messages, by the default
 * lists, and by `input.level_keywords` (here adding "denied" as an error)
 * or a rule's own `level_keywords`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { SummaryFile } from "../../lib/analytics/reports.ts";
import { readJson, runPipeline, workspaceConfig } from "../e2e/harness.ts";

const LINES = [
  { ts: "2024-01-15T10:00:00Z", msg: "request failed after retry" }, // ERROR (fail…)
  { ts: "2024-01-15T10:01:00Z", msg: "Warning: disk 91% full" }, // WARN
  { ts: "2024-01-15T10:02:00Z", msg: "kernel panic" }, // CRITICAL
  { ts: "2024-01-15T10:03:00Z", msg: "access denied for bob" }, // INFO, or ERROR with "denied"
  { ts: "2024-01-15T10:04:00Z", msg: "errors: none" }, // INFO: "errors" is not the word "error"
];

async function levels(change: (config: ReturnType<typeof workspaceConfig>) => void) {
  const dir = await Deno.makeTempDir({ prefix: "logpulse-keywords-" });
  try {
    const input = join(dir, "app.jsonl");
    await Deno.writeTextFile(input, LINES.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const config = workspaceConfig(dir, [input], (c) => {
      c.input.settle_seconds = 0;
      change(c);
    });
    await runPipeline(config);
    const summary = await readJson<SummaryFile>(
      join(config.output.reports_dir, "json/summary.json"),
    );
    return summary.levels;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("level keywords: defaults, input.level_keywords, and a rule's own", async () => {
  assert.deepEqual(await levels(() => {}), {
    DEBUG: 0,
    INFO: 2,
    WARN: 1,
    ERROR: 1,
    CRITICAL: 1,
    UNKNOWN: 0,
  });
  const configured = await levels((c) => {
    c.input.level_keywords = { error: ["error", "fail(?:ed|ure)?", "denied"] };
  });
  assert.equal(configured.ERROR, 2);
  assert.equal(configured.INFO, 1);
  const byRule = await levels((c) => {
    c.input.formats = [{ match: "*.jsonl", format: "jsonl", level_keywords: { warn: ["denied"] } }];
  });
  assert.equal(byRule.WARN, 1); // "denied"; "Warning" no longer a warn keyword here
  assert.equal(byRule.INFO, 2);
});
