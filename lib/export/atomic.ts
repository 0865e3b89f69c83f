/**
 * Atomic file writes: write a temporary file beside the target, then rename it
 * over the target, so a reader sees the old file or the new one, never half.
 *
 * @module
 */

import { dirname } from "node:path";

/**
 * Writes `content` to `path` atomically, creating parent directories.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic.ts";
 * // await writeFileAtomic("reports/json/summary.json", "{}\n");
 * ```
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${Deno.pid}.tmp`;
  try {
    if (typeof content === "string") await Deno.writeTextFile(temp, content);
    else await Deno.writeFile(temp, content);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
