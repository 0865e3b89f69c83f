/**
 * The WebAssembly memory a worker reads input into, and the SIMD indexer that
 * runs over it. The input bytes live at offset 0 so the same bytes are seen by
 * the indexer (as linear memory) and by JavaScript (as a Uint8Array view)
 * without copying; the event offsets the indexer writes follow them.
 *
 * @module
 */

import { INDEXER_WASM_BASE64 } from "./indexer_wasm.ts";

const PAGE = 65536;
/** Bytes the indexer may read past the end of the data (one SIMD block). */
const PADDING = 16;

let compiled: WebAssembly.Module | undefined;

function indexerModule(): WebAssembly.Module {
  if (compiled === undefined) {
    const text = atob(INDEXER_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/**
 * Input buffer plus structural index, in one WebAssembly memory.
 *
 * @example
 * ```ts
 * import { ScanMemory } from "./scan_memory.ts";
 * const memory = new ScanMemory(1024);
 * const text = new TextEncoder().encode('a,b\n"c"\n');
 * memory.bytes.set(text);
 * const count = memory.index(0, text.length); // 5: ',' '\n' '"' '"' '\n'
 * memory.events.subarray(0, count); // Int32Array [1, 3, 4, 6, 7]
 * ```
 */
export class ScanMemory {
  /** The input buffer: a view of `capacity` bytes at offset 0. */
  bytes: Uint8Array;
  /** Offsets written by the last {@linkcode index} call. */
  events: Int32Array;
  readonly #memory: WebAssembly.Memory;
  readonly #index: (start: number, end: number, out: number) => number;
  #eventsOffset = 0;

  constructor(capacity: number) {
    const instance = new WebAssembly.Instance(indexerModule());
    this.#memory = instance.exports.memory as WebAssembly.Memory;
    this.#index = instance.exports.index as (start: number, end: number, out: number) => number;
    this.bytes = new Uint8Array(0);
    this.events = new Int32Array(0);
    this.#layout(capacity);
  }

  /** Input bytes the buffer holds. */
  get capacity(): number {
    return this.bytes.length;
  }

  /**
   * Grows the input buffer to at least `capacity` bytes, keeping its contents
   * (views taken before are stale afterwards: use {@linkcode bytes} again).
   */
  grow(capacity: number): void {
    if (capacity > this.bytes.length) this.#layout(capacity);
  }

  /** Indexes `bytes[start, end)`; returns how many offsets are now in `events`. */
  index(start: number, end: number): number {
    return this.#index(start, end, this.#eventsOffset);
  }

  #layout(capacity: number): void {
    this.#eventsOffset = Math.ceil((capacity + PADDING) / 16) * 16;
    const needed = this.#eventsOffset + capacity * 4;
    const pages = Math.ceil(needed / PAGE) - this.#memory.buffer.byteLength / PAGE;
    if (pages > 0) this.#memory.grow(pages);
    this.bytes = new Uint8Array(this.#memory.buffer, 0, capacity);
    this.events = new Int32Array(this.#memory.buffer, this.#eventsOffset, capacity);
  }
}
