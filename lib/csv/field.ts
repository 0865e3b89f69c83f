/**
 * Field content access for spans found by {@linkcode RecordScanner}.
 *
 * The hot path hashes field bytes in place; only quoted fields with doubled
 * quotes (`""`) need an unescaped copy, which goes into a reusable scratch
 * buffer so nothing is allocated per row.
 *
 * @module
 */

import { BLANK } from "../bytes/blank.ts";
import { Quoting } from "./record_scanner.ts";

const QUOTE = 34;

const decoder = new TextDecoder();

/**
 * A byte span with surrounding spaces and tabs removed and `""` unescaped,
 * reusing one scratch buffer.
 *
 * @example
 * ```ts
 * import { FieldReader } from "./field.ts";
 * import { Quoting } from "./record_scanner.ts";
 * const reader = new FieldReader();
 * const bytes = new TextEncoder().encode(' say ""hi"" ');
 * reader.read(bytes, 0, bytes.length, Quoting.ESCAPED);
 * reader.text(); // 'say "hi"'
 * ```
 */
export class FieldReader {
  /** The buffer holding the content: the input buffer, or the scratch copy. */
  buf: Uint8Array = new Uint8Array(0);
  /** Content start in `buf`. */
  start = 0;
  /** Content end (exclusive) in `buf`. */
  end = 0;
  #scratch = new Uint8Array(256);

  /** Sets `buf/start/end` to the trimmed, unescaped content of `src[start, end)`. */
  read(src: Uint8Array, start: number, end: number, quoting: number): void {
    // The common case (no blank at either end, no doubled quotes) is small
    // enough for V8 to inline into the per-row fold; the rest goes out of line.
    if (
      quoting !== Quoting.ESCAPED &&
      (start === end || (BLANK[src[start]] | BLANK[src[end - 1]]) === 0)
    ) {
      this.buf = src;
      this.start = start;
      this.end = end;
      return;
    }
    this.#readTrimmed(src, start, end, quoting);
  }

  #readTrimmed(src: Uint8Array, start: number, end: number, quoting: number): void {
    while (start < end && BLANK[src[start]] === 1) start++;
    while (end > start && BLANK[src[end - 1]] === 1) end--;
    if (quoting !== Quoting.ESCAPED) {
      this.buf = src;
      this.start = start;
      this.end = end;
      return;
    }
    if (this.#scratch.length < end - start) {
      this.#scratch = new Uint8Array(Math.max(end - start, this.#scratch.length * 2));
    }
    const out = this.#scratch;
    let n = 0;
    for (let i = start; i < end; i++) {
      const b = src[i];
      out[n++] = b;
      if (b === QUOTE && i + 1 < end && src[i + 1] === QUOTE) i++;
    }
    this.buf = out;
    this.start = 0;
    this.end = n;
  }

  /** The content as a string (UTF-8; invalid bytes become U+FFFD). */
  text(): string {
    return decoder.decode(this.buf.subarray(this.start, this.end));
  }
}

/**
 * Decodes one field span to a string, untrimmed: for cold paths (headers, rejected rows, examples).
 *
 * @example
 * ```ts
 * import { fieldText } from "./field.ts";
 * import { Quoting } from "./record_scanner.ts";
 * fieldText(new TextEncoder().encode('a""b'), 0, 4, Quoting.ESCAPED); // 'a"b'
 * ```
 */
export function fieldText(src: Uint8Array, start: number, end: number, quoting: number): string {
  const text = decoder.decode(src.subarray(start, end));
  return quoting === Quoting.ESCAPED ? text.replaceAll('""', '"') : text;
}
