/**
 * Shared helpers for the tests of lib/formats/: where the real datasets live,
 * and reading them as lines.
 *
 * The datasets are required: a missing file makes `Deno.readTextFileSync`
 * throw, so the test fails instead of silently skipping.
 *
 * @example
 * ```ts
 * import { datasetLines } from "./datasets.ts";
 * datasetLines("syslog_auth_ec2/auth.log").length; // 7121
 * ```
 * @module
 */

import { pathToFileURL as toFileUrl } from "node:url";
import { SHARED_DATASETS } from "../shared_datasets.ts";
import type { ParseOutcome } from "../../lib/formats/mod.ts";

/** The shared datasets folder (see `../shared_datasets.ts`), as a directory URL. */
export const DATASETS = toFileUrl(
  SHARED_DATASETS.endsWith("/") ? SHARED_DATASETS : `${SHARED_DATASETS}/`,
);

/** The repository's `config/formats/` folder. */
export const FORMAT_CONFIGS = new URL("../../config/formats/", import.meta.url);

/**
 * Reads a text file as lines: split on LF, the empty piece after a final
 * newline dropped (most Loghub files have none, the others do), and a trailing
 * CR stripped from each line (Loghub files are CRLF except Proxifier).
 *
 * @example
 * ```ts
 * import { readLines } from "./datasets.ts";
 * readLines(new URL("x.log", import.meta.url));
 * ```
 */
export function readLines(url: URL): string[] {
  const lines = Deno.readTextFileSync(url).split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/**
 * Lines of a file under the datasets folder.
 *
 * @example
 * ```ts
 * import { datasetLines } from "./datasets.ts";
 * datasetLines("apache_access_semicomplete/apache_access.log").length; // 10000
 * ```
 */
export function datasetLines(path: string): string[] {
  return readLines(new URL(path, DATASETS));
}

/** A rejected line: its 1-based number and the reason. */
export interface Reject {
  line: number;
  reason: string;
}

/**
 * Runs a parser over lines; returns the accepted outcomes' fields by line index
 * (undefined for rejects) and the rejects with 1-based line numbers.
 *
 * @example
 * ```ts
 * import { parseAll } from "./datasets.ts";
 * import { parseLogfmt } from "../../lib/formats/mod.ts";
 * parseAll(["a=1 b=2", "nope"], parseLogfmt).rejects; // [{ line: 2, reason: "logfmt: no key=value pairs" }]
 * ```
 */
export function parseAll(
  lines: readonly string[],
  parse: (line: string) => ParseOutcome,
): { outcomes: ParseOutcome[]; rejects: Reject[] } {
  const outcomes = lines.map((line) => parse(line));
  const rejects: Reject[] = [];
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) rejects.push({ line: i + 1, reason: outcome.reason });
  });
  return { outcomes, rejects };
}
