/**
 * The ingest stage: finds the input files, checks their headers, and writes
 * the manifest that the parse stage reads.
 *
 * @module
 */

import { join } from "node:path";
import { NoInputError } from "../cli/exit.ts";
import type { Config } from "../config/schema.ts";
import { writeFileAtomic } from "../export/atomic.ts";
import { resolveFormatRules } from "../input/format_rules.ts";
import { buildManifest } from "../input/manifest.ts";
import type { Manifest } from "../input/manifest.ts";
import type { StageConsole } from "./console.ts";

/** The manifest's file name in `output.state_dir`. */
export const MANIFEST_FILE = "manifest.json";

/**
 * Runs ingest; throws {@linkcode NoInputError} when no file can be read.
 *
 * @example
 * ```ts
 * import { runIngest } from "./ingest.ts";
 * // const manifest = await runIngest(config, createConsole());
 * ```
 */
export async function runIngest(config: Config, out: StageConsole): Promise<Manifest> {
  const manifest = await buildManifest({
    formats: await resolveFormatRules(config.input.formats),
    levelKeywords: config.input.level_keywords,
    paths: config.input.paths,
    defaultYear: config.input.default_year,
    maxRecordBytes: config.input.max_record_bytes,
  });
  await writeFileAtomic(
    join(config.output.state_dir, MANIFEST_FILE),
    JSON.stringify(manifest, null, 2) + "\n",
  );
  for (const missing of manifest.missing) {
    out.note(`input path ${missing.path}: ${missing.problem}`);
  }
  for (const refused of manifest.refused) out.note(`${refused.name}: refused: ${refused.problem}`);
  const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
  const formats = new Map<string, number>();
  for (const file of manifest.files) {
    const name = file.format?.config.format ?? "csv";
    formats.set(name, (formats.get(name) ?? 0) + 1);
  }
  const kinds = [...formats].map(([name, n]) => `${n} ${name}`).join(", ");
  out.note(`ingest: ${manifest.files.length} file(s) (${kinds}), ${formatBytes(bytes)}`);
  if (manifest.files.length === 0) {
    throw new NoInputError(
      `no input could be read from ${config.input.paths.join(", ")} (see the messages above)`,
    );
  }
  return manifest;
}

/**
 * Formats a byte count for people.
 *
 * @example
 * ```ts
 * import { formatBytes } from "./ingest.ts";
 * formatBytes(1_500_000); // "1.5 MB"
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
