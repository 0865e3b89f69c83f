/**
 * A file's content fingerprint: the SHA-256 of its first bytes (decompressed
 * for gzip). Checkpoints keep it to tell an appended file (same first bytes)
 * from one truncated or rewritten in place, and to recognise a renamed or
 * compressed file as data already counted.
 *
 * @module
 */

import { openGzip } from "../engine/byte_source.ts";

/** How many leading bytes a fingerprint covers at most. */
export const HEAD_BYTES = 4096;

/**
 * Reads up to `length` leading bytes of a file (decompressed for gzip).
 *
 * @example
 * ```ts
 * import { readHead } from "./fingerprint.ts";
 * // const head = await readHead("app.csv", false, 4096);
 * ```
 */
export async function readHead(path: string, gzip: boolean, length: number): Promise<Uint8Array> {
  const head = new Uint8Array(length);
  let filled = 0;
  if (gzip) {
    const source = await openGzip(path, 0);
    try {
      while (filled < length) {
        const n = await source.read(head.subarray(filled));
        if (n === null) break;
        filled += n;
      }
    } catch {
      // A truncated or corrupt stream: the bytes read so far are the head.
    } finally {
      source.close();
    }
  } else {
    using file = await Deno.open(path, { read: true });
    while (filled < length) {
      const n = await file.read(head.subarray(filled));
      if (n === null) break;
      filled += n;
    }
  }
  return head.subarray(0, filled);
}

/**
 * The hex SHA-256 of bytes.
 *
 * @example
 * ```ts
 * import { sha256Hex } from "./fingerprint.ts";
 * (await sha256Hex(new Uint8Array())).slice(0, 8); // "e3b0c442"
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Fingerprints of a file's prefixes, read once: `hash(length)` is the SHA-256
 * of its first `length` bytes, or `null` when the file is shorter than that.
 *
 * @example
 * ```ts
 * import { PrefixHasher } from "./fingerprint.ts";
 * // const hasher = new PrefixHasher("app.csv", false);
 * // await hasher.hash(4096);
 * ```
 */
export class PrefixHasher {
  readonly #path: string;
  readonly #gzip: boolean;
  #head: Promise<Uint8Array> | undefined;
  readonly #hashes = new Map<number, Promise<string | null>>();

  constructor(path: string, gzip: boolean) {
    this.#path = path;
    this.#gzip = gzip;
  }

  /** The number of leading bytes available, up to {@linkcode HEAD_BYTES}. */
  async available(): Promise<number> {
    return (await this.#read()).length;
  }

  /** The fingerprint of the first `length` bytes (≤ {@linkcode HEAD_BYTES}). */
  hash(length: number): Promise<string | null> {
    let hash = this.#hashes.get(length);
    if (hash === undefined) {
      hash = this.#read().then((head) =>
        head.length < length ? null : sha256Hex(head.subarray(0, length))
      );
      this.#hashes.set(length, hash);
    }
    return hash;
  }

  #read(): Promise<Uint8Array> {
    this.#head ??= readHead(this.#path, this.#gzip, HEAD_BYTES);
    return this.#head;
  }
}
