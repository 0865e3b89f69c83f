/**
 * Sources of input bytes for a partition: a byte range of a plain file, or the
 * decompressed stream of a `.gz` file. Both are read up to the size the file
 * had when the run planned it, so a file growing meanwhile is read
 * consistently.
 *
 * @module
 */

/** Reads bytes into a caller's buffer; `null` at end of data. */
export interface ByteSource {
  read(into: Uint8Array): Promise<number | null>;
  close(): void;
}

/**
 * Opens `path` at byte `offset`, ending at `size`.
 *
 * @example
 * ```ts
 * import { openFileRange } from "./byte_source.ts";
 * // const source = await openFileRange("app.csv", 0, 1024);
 * ```
 */
export async function openFileRange(
  path: string,
  offset: number,
  size: number,
): Promise<ByteSource> {
  const file = await Deno.open(path, { read: true });
  await file.seek(offset, Deno.SeekMode.Start);
  let position = offset;
  return {
    read(into) {
      const room = Math.min(into.length, size - position);
      if (room <= 0) return Promise.resolve(null);
      // A worker has nothing else to do meanwhile: a synchronous read skips the
      // round trip through the event loop and the I/O thread pool.
      const n = file.readSync(into.subarray(0, room));
      if (n === null) return Promise.resolve(null);
      position += n;
      return Promise.resolve(n);
    },
    close: () => file.close(),
  };
}

/**
 * Opens the decompressed bytes of a gzip file, skipping the first `skip` bytes.
 *
 * @example
 * ```ts
 * import { openGzip } from "./byte_source.ts";
 * // const source = await openGzip("app.csv.gz", 0);
 * ```
 */
export async function openGzip(path: string, skip: number): Promise<ByteSource> {
  const file = await Deno.open(path, { read: true });
  const reader = file.readable.pipeThrough(new DecompressionStream("gzip")).getReader();
  let pending: Uint8Array = new Uint8Array(0);
  let toSkip = skip;
  return {
    async read(into) {
      while (pending.length === 0 || toSkip > 0) {
        if (pending.length > 0) {
          const dropped = Math.min(toSkip, pending.length);
          pending = pending.subarray(dropped);
          toSkip -= dropped;
          if (pending.length > 0 && toSkip === 0) break;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        pending = value;
      }
      const n = Math.min(into.length, pending.length);
      into.set(pending.subarray(0, n));
      pending = pending.subarray(n);
      return n;
    },
    close: () => {
      reader.cancel().catch(() => {});
    },
  };
}
