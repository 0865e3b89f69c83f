/**
 * `ByteMasker` of `./mask_bytes.ts` in WebAssembly (`./wasm/mask.wat`), for
 * scan workers: a WebAssembly module is compiled once per isolate and its
 * machine code is shared by every isolate of the process, where the
 * JavaScript masker is JIT-compiled again in each worker. The result is byte
 * for byte `ByteMasker.mask`'s for every input.
 *
 * JavaScript keeps only what is cheap or rare: dropping a leading BOM, and
 * for invalid UTF-8 (the module says so) decoding and re-encoding the message
 * before masking it again, as `ByteMasker` does.
 *
 * @module
 */

import { MASK_WASM_BASE64 } from "./mask_wasm_binary.ts";
import type { MaskedBytes } from "./mask_bytes.ts";

/** What the module exports (see the contract at the top of `./wasm/mask.wat`). */
interface MaskerExports {
  memory: WebAssembly.Memory;
  /** Where the masked message starts. */
  output: WebAssembly.Global;
  /** Lays out memory for messages of up to `n` bytes; where to put them, 0 if out of memory. */
  reserve(n: number): number;
  /** Masks the `n` bytes put there; the length, or -1 if they are not valid UTF-8. */
  mask(n: number): number;
}

let compiled: WebAssembly.Module | undefined;

/** The module, compiled on first use, once per isolate. */
function maskerModule(): WebAssembly.Module {
  if (compiled === undefined) {
    // No decoding loop: V8 compiled one, and dropped it at the worker's first transfer.
    compiled = new WebAssembly.Module(Uint8Array.fromBase64(MASK_WASM_BASE64));
  }
  return compiled;
}

const encoder = new TextEncoder();
/** For invalid UTF-8, after the leading BOM is gone. */
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Masks UTF-8 messages exactly as `ByteMasker` does (so as
 * `maskMessage(message).join(" ")` of `./mask.ts`), in its own WebAssembly
 * instance and memory; a blank message gives length 0.
 *
 * @example
 * ```ts
 * import { WasmMasker } from "./mask_wasm.ts";
 * const masker = new WasmMasker();
 * const msg = new TextEncoder().encode("Accepted uid=0 from 10.0.0.1:22, took 12 ms");
 * const { bytes, length } = masker.mask(msg, 0, msg.length);
 * new TextDecoder().decode(bytes.subarray(0, length)); // "Accepted uid=<*> from <*>, took <*> <*>"
 * ```
 */
export class WasmMasker {
  readonly #wasm: MaskerExports;
  readonly #output: number;
  /** The longest message the memory is laid out for, and where messages go. */
  #capacity = -1;
  #input = 0;
  /** The memory's buffer the views below were made over (it changes when memory grows). */
  #buffer: ArrayBuffer;
  #memory: Uint8Array;
  readonly #result: MaskedBytes;

  /** A masker with its own instance of the shared module. */
  constructor() {
    const instance = new WebAssembly.Instance(maskerModule(), {});
    this.#wasm = instance.exports as unknown as MaskerExports;
    this.#output = this.#wasm.output.value as number;
    // A non-shared memory: its buffer is a plain ArrayBuffer.
    this.#buffer = this.#wasm.memory.buffer as ArrayBuffer;
    this.#memory = new Uint8Array(this.#buffer);
    this.#result = { bytes: new Uint8Array(this.#buffer, this.#output), length: 0 };
  }

  /**
   * Masks `buf[start, end)` exactly as `ByteMasker.mask` does; the result is
   * valid until the next call.
   */
  mask(buf: Uint8Array, start: number, end: number): MaskedBytes {
    // `TextDecoder` drops one leading BOM.
    if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb) {
      if (buf[start + 2] === 0xbf) start += 3;
    }
    let length = this.#run(buf.subarray(start, end));
    if (length < 0) {
      length = this.#run(encoder.encode(decoder.decode(buf.subarray(start, end))));
      if (length < 0) throw new Error("WasmMasker: re-encoded message is not valid UTF-8");
    }
    this.#result.length = length;
    return this.#result;
  }

  /** Masks `message` in the instance; its length, or -1 if it is not valid UTF-8. */
  #run(message: Uint8Array): number {
    // At least 4 KiB, so that short messages never lay the memory out again.
    if (message.length > this.#capacity) this.#reserve(Math.max(message.length, 4096));
    this.#memory.set(message, this.#input);
    return this.#wasm.mask(message.length);
  }

  /** Lays the memory out for messages of up to `size` bytes (rare: sizes only go up). */
  #reserve(size: number): void {
    const input = this.#wasm.reserve(size);
    if (input === 0) throw new RangeError(`WasmMasker: no memory for ${size} bytes`);
    this.#capacity = size;
    this.#input = input;
    if (this.#wasm.memory.buffer !== this.#buffer) {
      // The memory grew: the old views are detached.
      this.#buffer = this.#wasm.memory.buffer as ArrayBuffer;
      this.#memory = new Uint8Array(this.#buffer);
      this.#result.bytes = new Uint8Array(this.#buffer, this.#output);
    }
  }
}
