/**
 * Where the shared real-log datasets are: `$LOGPULSE_DATASETS`, else
 * `../shared/datasets/` beside the repository, else `/work/shared/datasets/`
 * (the workplace's copy, for a checkout made elsewhere). Tests that need them
 * fail, never skip, when none exists; the message names every place looked.
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..");

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

const candidates = [
  Deno.env.get("LOGPULSE_DATASETS"),
  join(REPO, "..", "shared", "datasets"),
  "/work/shared/datasets",
].filter((path): path is string => path !== undefined && path !== "");

/** The datasets folder (the first candidate that exists; else the first, so reads fail there). */
export const SHARED_DATASETS: string = candidates.find(exists) ?? candidates[0];

/** Where the datasets were looked for, for error messages. */
export const SHARED_DATASETS_LOOKED_IN: readonly string[] = candidates;
