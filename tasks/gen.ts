/**
 * `deno task gen`: write a deterministic synthetic CSV log file.
 *
 * @module
 */

import { formatHelp, parseCommandArgs } from "../lib/cli/args.ts";
import type { CommandSpec } from "../lib/cli/args.ts";
import { runMain, UsageError } from "../lib/cli/exit.ts";
import { writeCsv } from "../lib/gen/write.ts";

const spec: CommandSpec = {
  name: "gen",
  summary: "Write a deterministic, seeded synthetic CSV log (the same seed gives the same bytes).",
  flags: {
    rows: { type: "string", placeholder: "N", description: "rows to write (required)" },
    out: { type: "string", placeholder: "FILE", description: "file to write (required)" },
    seed: { type: "string", placeholder: "S", description: "random seed (default 1)" },
    mixed: {
      type: "boolean",
      description: "every timestamp format, level aliases, multi-line messages and ~1% bad rows",
    },
    start: {
      type: "string",
      placeholder: "DATE",
      description: "first day, YYYY-MM-DD UTC (default 2024-01-15)",
    },
    days: {
      type: "string",
      placeholder: "N",
      description: "days the rows spread over (default 3)",
    },
    "no-syslog": {
      type: "boolean",
      description: "with --mixed: leave out the year-less syslog format",
    },
    crlf: { type: "boolean", description: "CRLF line endings" },
    bom: { type: "boolean", description: "start with a UTF-8 byte-order mark" },
  },
};

function positiveInteger(
  name: string,
  value: string | boolean | undefined,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(n) || n < 0) {
    throw new UsageError(
      `gen: --${name} must be a non-negative integer, got ${JSON.stringify(value ?? null)}`,
    );
  }
  return n;
}

await runMain(async () => {
  const args = parseCommandArgs(spec, Deno.args);
  if (args.help) {
    console.log(formatHelp(spec));
    return 0;
  }
  const { values } = args;
  if (typeof values.out !== "string") throw new UsageError("gen: --out FILE is required");
  const start = typeof values.start === "string" ? values.start : "2024-01-15";
  const startMs = Date.parse(`${start}T00:00:00Z`);
  if (!/^\d{4}-\d\d-\d\d$/.test(start) || Number.isNaN(startMs)) {
    throw new UsageError(`gen: --start must be a date YYYY-MM-DD, got "${start}"`);
  }
  const rows = positiveInteger("rows", values.rows);
  const began = performance.now();
  await writeCsv(values.out, {
    rows,
    seed: positiveInteger("seed", values.seed, 1),
    mixed: values.mixed === true,
    startMs,
    days: Math.max(1, positiveInteger("days", values.days, 3)),
    lineEnding: values.crlf === true ? "\r\n" : "\n",
    bom: values.bom === true,
    syslog: values["no-syslog"] !== true,
  });
  const size = (await Deno.stat(values.out)).size;
  console.log(
    `gen: wrote ${rows} rows (${(size / 1e6).toFixed(1)} MB) to ${values.out} in ${
      ((performance.now() - began) / 1000).toFixed(1)
    } s`,
  );
});
