/**
 * Compiling the project's WebAssembly text (the CSV scanner's indexer and row
 * kernel, the message masker) to binaries with `npm:wabt`, and the TypeScript
 * modules that embed them. Used by `deno task build-wasm` and by the tests
 * that keep each committed binary in step with its source; the pipeline
 * itself never needs wabt.
 *
 * @module
 */

import wabtInit from "wabt";

/** A WebAssembly text and the generated module that embeds its binary. */
export interface WasmModuleSpec {
  /** The WebAssembly text. */
  readonly wat: URL;
  /** The generated TypeScript module. */
  readonly target: URL;
  /** The base64 constant the generated module exports. */
  readonly exportName: string;
  /** What the binary is, for the generated module's doc comment. */
  readonly description: string;
  /** The short name of the module, for the constant's doc comment. */
  readonly name: string;
}

/** The CSV scanner's indexer and row kernel (lib/csv/indexer_wasm.ts). */
export const INDEXER_MODULE: WasmModuleSpec = {
  wat: new URL("./wasm/indexer.wat", import.meta.url),
  target: new URL("./indexer_wasm.ts", import.meta.url),
  exportName: "INDEXER_WASM_BASE64",
  description: "The CSV structural indexer's WebAssembly binary",
  name: "indexer",
};

/** The message masker (lib/templates/mask_wasm_binary.ts). */
export const MASKER_MODULE: WasmModuleSpec = {
  wat: new URL("../templates/wasm/mask.wat", import.meta.url),
  target: new URL("../templates/mask_wasm_binary.ts", import.meta.url),
  exportName: "MASK_WASM_BASE64",
  description: "The message masker's WebAssembly binary",
  name: "masker",
};

/** Every module `deno task build-wasm` builds. */
export const WASM_MODULES: readonly WasmModuleSpec[] = [INDEXER_MODULE, MASKER_MODULE];

/**
 * The binary compiled from the WebAssembly text at `wat` (validated).
 *
 * @example
 * ```ts
 * import { compileWat, MASKER_MODULE } from "./wasm_source.ts";
 * // const bytes = await compileWat(MASKER_MODULE.wat);
 * ```
 */
export async function compileWat(wat: URL): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const text = await Deno.readTextFile(wat);
  const name = wat.pathname.slice(wat.pathname.lastIndexOf("/") + 1);
  const module = wabt.parseWat(name, text, { simd: true });
  try {
    module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * The TypeScript module that embeds `binary` (base64) as `spec` says, as
 * committed.
 *
 * @example
 * ```ts
 * import { MASKER_MODULE, wasmModuleSource } from "./wasm_source.ts";
 * wasmModuleSource(MASKER_MODULE, new Uint8Array([0, 97, 115, 109])).includes("AGFzbQ=="); // true
 * ```
 */
export function wasmModuleSource(spec: WasmModuleSpec, binary: Uint8Array): string {
  // The text's path as the generated module sees it (it sits under the module's folder).
  const dir = spec.target.pathname.slice(0, spec.target.pathname.lastIndexOf("/") + 1);
  const wat = spec.wat.pathname.startsWith(dir)
    ? spec.wat.pathname.slice(dir.length)
    : spec.wat.pathname;
  return `/**
 * ${spec.description}, base64. Generated from
 * \`${wat}\` by \`deno task build-wasm\`; do not edit.
 *
 * @module
 */

/** The ${spec.name} module's bytes, base64-encoded. */
export const ${spec.exportName} =
  "${binary.toBase64()}";
`;
}
