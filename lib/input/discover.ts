/**
 * Expands `input.paths` (files, directories, globs) into the list of input
 * files: every log file below a directory (`*.csv`, `*.log`, `*.json`,
 * `*.jsonl`, `*.ndjson`, gzipped or not, and their rotated names such as
 * `app.csv.1`, `auth.log.2.gz`, `app.csv-20260101`), every file matching a
 * glob, and any file named explicitly.
 *
 * @module
 */

import { join, relative, resolve, sep } from "node:path";

/** A configured path that yielded nothing, and why. */
export interface PathProblem {
  path: string;
  problem: string;
}

/** Input files found, sorted, each once; and the paths that yielded none. */
export interface Discovery {
  files: string[];
  problems: PathProblem[];
}

/**
 * `.csv`, `.log`, `.json`, `.jsonl` or `.ndjson`, optionally a logrotate suffix
 * (`.1`, `-20260101`), optionally `.gz`.
 */
const INPUT_NAME = /\.(?:csv|log|jsonl?|ndjson)(?:[.-]\d+)?(?:\.gz)?$/i;
const GLOB_CHARS = /[*?[]/;

/**
 * Whether a file name is an input file by its extension.
 *
 * @example
 * ```ts
 * import { isInputName } from "./discover.ts";
 * isInputName("app.csv.gz"); // true
 * isInputName("app.csv.1.gz"); // true
 * ```
 */
export function isInputName(name: string): boolean {
  return INPUT_NAME.test(name);
}

/**
 * Converts a glob (`*`, `**`, `?`, `[...]`) to an anchored regular expression over `/` paths.
 *
 * @example
 * ```ts
 * import { globToRegExp } from "./discover.ts";
 * globToRegExp("logs/**\/*.csv").test("logs/a/b.csv"); // true
 * ```
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        i++;
        if (glob[i + 1] === "/") {
          i++;
          source += "(?:.*/)?";
        } else source += ".*";
      } else source += "[^/]*";
    } else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) source += "\\[";
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\");
        source += `[${body}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Finds the input files for a list of configured paths.
 *
 * @example
 * ```ts
 * import { discoverInputs } from "./discover.ts";
 * const { files, problems } = await discoverInputs(["data/raw_logs"]);
 * ```
 */
export async function discoverInputs(paths: readonly string[]): Promise<Discovery> {
  const found = new Set<string>();
  const problems: PathProblem[] = [];
  for (const path of paths) {
    const before = found.size;
    if (GLOB_CHARS.test(path)) {
      await expandGlob(path, found, problems);
      if (found.size === before) problems.push({ path, problem: "no file matches this pattern" });
      continue;
    }
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch (error) {
      problems.push({ path, problem: describeFsError(error) });
      continue;
    }
    if (info.isFile) found.add(resolve(path));
    else if (info.isDirectory) {
      await walk(resolve(path), found, problems, () => true);
      if (found.size === before) {
        problems.push({
          path,
          problem: "directory holds no log file (*.csv, *.log, *.json, *.jsonl, *.ndjson, or .gz)",
        });
      }
    } else problems.push({ path, problem: "not a regular file or directory" });
  }
  return { files: [...found].sort(), problems };
}

/** A short reason for a failed file-system call. */
export function describeFsError(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file or directory";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

async function expandGlob(
  glob: string,
  found: Set<string>,
  problems: PathProblem[],
): Promise<void> {
  const parts = glob.split(/[\\/]/);
  const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
  const base = parts.slice(0, firstGlob).join("/") || ".";
  const pattern = globToRegExp(parts.slice(firstGlob).join("/"));
  const root = resolve(base);
  await walk(root, found, problems, (file) => {
    const rel = relative(root, file).split(sep).join("/");
    return pattern.test(rel);
  }, true);
}

async function walk(
  dir: string,
  found: Set<string>,
  problems: PathProblem[],
  accept: (file: string) => boolean,
  anyName = false,
): Promise<void> {
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (error) {
    problems.push({ path: dir, problem: `cannot list this directory: ${describeFsError(error)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      // Named like a log file but a folder: say so (its files are still searched).
      if (isInputName(entry.name)) {
        problems.push({ path, problem: "is a directory, not a log file; searching inside it" });
      }
      await walk(path, found, problems, accept, anyName);
    } else if ((entry.isFile || entry.isSymlink) && (anyName || isInputName(entry.name))) {
      if (accept(path)) found.add(path);
    }
  }
}
