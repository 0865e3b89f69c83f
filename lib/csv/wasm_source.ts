/**
 * Compiling the CSV scanner's WebAssembly text (the indexer and the row
 * kernel) to its binary with `npm:wabt`. Used by `deno task build-wasm` and by the test that keeps the
 * committed binary in step with its source; the pipeline itself never needs
 * wabt.
 *
 * @module
 */

import wabtInit from "wabt";

/** Where the indexer's WebAssembly text lives. */
export const INDEXER_WAT = new URL("./wasm/indexer.wat", import.meta.url);

/**
 * The binary of the indexer compiled from its text.
 *
 * @example
 * ```ts
 * import { compileIndexerWat } from "./wasm_source.ts";
 * // const bytes = await compileIndexerWat();
 * ```
 */
export async function compileIndexerWat(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const text = await Deno.readTextFile(INDEXER_WAT);
  const module = wabt.parseWat("indexer.wat", text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * The TypeScript module that embeds the binary (base64), as committed.
 *
 * @example
 * ```ts
 * import { indexerModuleSource } from "./wasm_source.ts";
 * indexerModuleSource(new Uint8Array([0, 97, 115, 109])).includes("AGFzbQ=="); // true
 * ```
 */
export function indexerModuleSource(binary: Uint8Array): string {
  let text = "";
  for (const byte of binary) text += String.fromCharCode(byte);
  return `/**
 * The CSV structural indexer's WebAssembly binary, base64. Generated from
 * \`wasm/indexer.wat\` by \`deno task build-wasm\`; do not edit.
 *
 * @module
 */

/** The indexer module's bytes, base64-encoded. */
export const INDEXER_WASM_BASE64 =
  "${btoa(text)}";
`;
}
