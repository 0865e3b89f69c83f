/**
 * `deno task build-wasm`: compiles each WebAssembly text of the project
 * (lib/csv/wasm/indexer.wat, lib/templates/wasm/mask.wat) and writes the
 * module that embeds its binary (lib/csv/indexer_wasm.ts,
 * lib/templates/mask_wasm_binary.ts).
 *
 * @module
 */

import { compileWat, WASM_MODULES, wasmModuleSource } from "../lib/csv/wasm_source.ts";

for (const spec of WASM_MODULES) {
  const binary = await compileWat(spec.wat);
  await Deno.writeTextFile(spec.target, wasmModuleSource(spec, binary));
  console.log(`wrote ${spec.target.pathname} (${binary.length} bytes of wasm)`);
}
