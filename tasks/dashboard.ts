/**
 * `deno task dashboard`: the live terminal dashboard (or `--once` for one
 * plain-text frame).
 *
 * @module
 */

import { formatHelp, parseCommandArgs } from "../lib/cli/args.ts";
import type { CommandSpec } from "../lib/cli/args.ts";
import { runMain, UsageError } from "../lib/cli/exit.ts";
import { loadConfig } from "../lib/config/load.ts";
import { renderOnce, runDashboard } from "../tui/app.ts";

const spec: CommandSpec = {
  name: "dashboard",
  summary:
    "Full-screen dashboard over the store: metrics, trends, breakdowns, alerts; filters and auto-refresh.",
  flags: {
    once: { type: "boolean", description: "print one frame as plain text and exit" },
    width: { type: "string", placeholder: "W", description: "with --once: columns (default 120)" },
    height: { type: "string", placeholder: "H", description: "with --once: lines (default 40)" },
  },
};

function size(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isInteger(n) || n < 20 || n > 1000) {
    throw new UsageError(`dashboard: --${name} must be an integer from 20 to 1000`);
  }
  return n;
}

await runMain(async () => {
  const args = parseCommandArgs(spec, Deno.args);
  if (args.help) {
    console.log(formatHelp(spec));
    return 0;
  }
  const config = await loadConfig(args.config);
  if (args.values.once === true) {
    console.log(renderOnce(config, {
      width: size("width", args.values.width, 120),
      height: size("height", args.values.height, 40),
    }));
    return 0;
  }
  if (!Deno.stdout.isTerminal()) {
    throw new UsageError("dashboard: stdout is not a terminal; use --once for a text frame");
  }
  return await runDashboard(config);
});
