/**
 * The ingest stage's output: which input files will be read, how their
 * columns map, and which files (or configured paths) were refused and why.
 *
 * @module
 */

import type { KeywordLevelOptions } from "../formats/keyword_level.ts";
import type { LineFormatSpec } from "../formats/spec.ts";
import { mapColumns, NO_COLUMNS } from "./columns.ts";
import { chooseFormat } from "./format_rules.ts";
import type { FormatRule } from "./format_rules.ts";
import type { ColumnMap } from "./columns.ts";
import { describeFsError, discoverInputs } from "./discover.ts";
import type { PathProblem } from "./discover.ts";
import { readHeader } from "./header.ts";

/** An input file accepted for parsing. */
export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to people (relative to the working directory when inside it). */
  name: string;
  gzip: boolean;
  /** Size when ingested: parsing reads no further. */
  size: number;
  mtimeMs: number;
  /** Device and inode: a file's identity across renames (null where the platform has none). */
  dev: number | null;
  ino: number | null;
  /** Year for timestamps without one. */
  defaultYear: number;
  /** The line format, or null for CSV (then `header` and `columns` describe it). */
  format: LineFormatSpec | null;
  header: string[];
  columns: ColumnMap;
  dataStart: number;
  headerNewlines: number;
}

/** A file that will not be parsed, and why. */
export interface RefusedFile {
  path: string;
  name: string;
  problem: string;
}

/** What ingest hands to parse. */
export interface Manifest {
  version: 1;
  createdAt: string;
  files: InputFile[];
  refused: RefusedFile[];
  /** Configured paths that yielded no file. */
  missing: PathProblem[];
}

/** Ingest options taken from the config. */
export interface IngestOptions {
  paths: readonly string[];
  /** Year for syslog timestamps; `null` = the file's modification year. */
  defaultYear: number | null;
  maxRecordBytes: number;
  /** Format rules (`input.formats`), resolved. */
  formats?: readonly FormatRule[];
  /** Level keywords for line formats without a level field (`input.level_keywords`). */
  levelKeywords?: KeywordLevelOptions | null;
}

/**
 * Finds and inspects the input files.
 *
 * @example
 * ```ts
 * import { buildManifest } from "./manifest.ts";
 * // const manifest = await buildManifest({ paths: ["data/raw_logs"], defaultYear: null, maxRecordBytes: 1 << 20 });
 * ```
 */
export async function buildManifest(options: IngestOptions): Promise<Manifest> {
  const discovery = await discoverInputs(options.paths);
  const files: InputFile[] = [];
  const refused: RefusedFile[] = [];
  const cwd = Deno.cwd();
  for (const path of discovery.files) {
    const name = path.startsWith(cwd + "/") ? path.slice(cwd.length + 1) : path;
    const outcome = await inspectFile(path, name, options);
    if ("problem" in outcome) refused.push(outcome);
    else files.push(outcome);
  }
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    files,
    refused,
    missing: discovery.problems,
  };
}

async function inspectFile(
  path: string,
  name: string,
  options: IngestOptions,
): Promise<InputFile | RefusedFile> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    return { path, name, problem: describeFsError(error) };
  }
  if (!info.isFile) return { path, name, problem: "not a regular file" };
  const gzip = /\.gz$/i.test(path);
  const mtimeMs = info.mtime?.getTime() ?? 0;
  const defaultYear = options.defaultYear ?? new Date(mtimeMs).getUTCFullYear();
  let choice;
  try {
    choice = await chooseFormat(path, name, gzip, options.formats ?? []);
  } catch (error) {
    return { path, name, problem: `cannot read its first lines: ${describeFsError(error)}` };
  }
  if ("problem" in choice) return { path, name, problem: choice.problem };
  // What every accepted file has, whatever its format.
  const identity = {
    path,
    name,
    gzip,
    size: info.size,
    mtimeMs,
    dev: info.dev ?? null,
    ino: info.ino ?? null,
    defaultYear,
  };
  if (choice.spec !== null) {
    const spec = choice.spec.levelKeywords === undefined && options.levelKeywords
      ? { ...choice.spec, levelKeywords: options.levelKeywords }
      : choice.spec;
    return {
      ...identity,
      format: spec,
      header: [],
      columns: NO_COLUMNS,
      dataStart: 0,
      headerNewlines: 0,
    };
  }
  let header;
  try {
    header = await readHeader(path, gzip, info.size, options.maxRecordBytes);
  } catch (error) {
    return { path, name, problem: `cannot read header: ${describeFsError(error)}` };
  }
  if (!header) return { path, name, problem: "empty file (no header row)" };
  const mapping = mapColumns(header.names);
  if (!mapping.ok) {
    return {
      path,
      name,
      problem: `missing required column${mapping.missing.length > 1 ? "s" : ""} ${
        mapping.missing.join(", ")
      }; found columns: ${header.names.join(", ") || "(none)"}`,
    };
  }
  return {
    ...identity,
    format: null,
    header: header.names,
    columns: mapping.columns,
    dataStart: header.dataStart,
    headerNewlines: header.headerNewlines,
  };
}
