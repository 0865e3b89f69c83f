/**
 * The WebAssembly memory a worker reads input into, and the SIMD indexer that
 * runs over it. The input bytes live at offset 0 so the same bytes are seen by
 * the indexer (as linear memory) and by JavaScript (as a Uint8Array view)
 * without copying; the event offsets the indexer writes follow them, and the
 * row kernel's region (see {@linkcode RowKernel}) follows those.
 *
 * @module
 */

import { INDEXER_WASM_BASE64 } from "./indexer_wasm.ts";
import { KERNEL_BYTES, RowKernel } from "./row_kernel.ts";
import type { RowKernelHost } from "./row_kernel.ts";

const PAGE = 65536;
/** Bytes the indexer may read past the end of the data (one 64-byte step). */
const PADDING = 64;

let compiled: WebAssembly.Module | undefined;

/** The host of a memory whose row kernel is not in use. */
const NO_HOST: RowKernelHost = {
  timestamp: () => {
    throw new Error("row kernel used without a host");
  },
  level: () => {
    throw new Error("row kernel used without a host");
  },
  key: () => {
    throw new Error("row kernel used without a host");
  },
  template: () => {
    throw new Error("row kernel used without a host");
  },
};

function indexerModule(): WebAssembly.Module {
  if (compiled === undefined) {
    // No decoding loop: V8 compiled one, and dropped it at the worker's first transfer.
    compiled = new WebAssembly.Module(Uint8Array.fromBase64(INDEXER_WASM_BASE64));
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
  /**
   * Who resolves bytes the row kernel has not seen (set by whoever runs the
   * kernel; offsets are into {@linkcode bytes}).
   */
  host: RowKernelHost = NO_HOST;
  /** Where the row kernel's region starts (it moves when the buffer grows). */
  kernelOffset = 0;
  /** The row kernel over this memory. */
  readonly kernel: RowKernel = new RowKernel(this);
  /** The kernel's record scan (see {@linkcode RowKernel.scan}). */
  readonly scanRows: (pos: number, cursor: number, maxRows: number) => number;
  readonly #memory: WebAssembly.Memory;
  readonly #index: (start: number, end: number, out: number) => number;
  readonly #setKernelBase: (offset: number) => void;
  #eventsOffset = 0;

  constructor(capacity: number) {
    // The kernel calls these only for bytes it has not seen: rarely.
    const imports = {
      host: {
        timestamp: (start: number, end: number) => this.host.timestamp(start, end),
        level: (start: number, end: number) => this.host.level(start, end),
        key: (dim: number, start: number, end: number) => this.host.key(dim, start, end),
        template: (start: number, end: number, quoting: number) =>
          this.host.template(start, end, quoting),
      },
    };
    const instance = new WebAssembly.Instance(indexerModule(), imports);
    const exports = instance.exports;
    this.#memory = exports.memory as WebAssembly.Memory;
    this.#index = exports.index as (start: number, end: number, out: number) => number;
    this.#setKernelBase = exports.set_kernel_base as (offset: number) => void;
    this.scanRows = exports.scan_rows as ScanMemory["scanRows"];
    this.bytes = new Uint8Array(0);
    this.events = new Int32Array(0);
    this.#layout(capacity);
  }

  /** The whole memory (its buffer is replaced when the memory grows). */
  get buffer(): ArrayBuffer {
    // A non-shared memory: its buffer is a plain ArrayBuffer.
    return this.#memory.buffer as ArrayBuffer;
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
    const hadKernel = this.bytes.length > 0;
    const oldKernel = this.kernelOffset;
    this.#eventsOffset = Math.ceil((capacity + PADDING) / 16) * 16;
    // Aligned: the kernel's region holds f64 arrays (any capacity, not only powers of two).
    this.kernelOffset = Math.ceil((this.#eventsOffset + capacity * 4 + PADDING) / 16) * 16;
    const needed = this.kernelOffset + KERNEL_BYTES;
    const pages = Math.ceil(needed / PAGE) - this.#memory.buffer.byteLength / PAGE;
    if (pages > 0) this.#memory.grow(pages);
    // The kernel's caches move with it (copyWithin copies overlapping ranges correctly).
    if (hadKernel) {
      new Uint8Array(this.#memory.buffer).copyWithin(
        this.kernelOffset,
        oldKernel,
        oldKernel + KERNEL_BYTES,
      );
    }
    this.#setKernelBase(this.kernelOffset);
    this.bytes = new Uint8Array(this.#memory.buffer, 0, capacity);
    this.events = new Int32Array(this.#memory.buffer, this.#eventsOffset, capacity);
  }
}
