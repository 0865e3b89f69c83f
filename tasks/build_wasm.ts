/**
 * `deno task build-wasm`: compiles lib/csv/wasm/indexer.wat and writes the
 * embedded binary module lib/csv/indexer_wasm.ts.
 *
 * @module
 */

import { compileIndexerWat, indexerModuleSource } from "../lib/csv/wasm_source.ts";

const target = new URL("../lib/csv/indexer_wasm.ts", import.meta.url);
const binary = await compileIndexerWat();
await Deno.writeTextFile(target, indexerModuleSource(binary));
console.log(`wrote ${target.pathname} (${binary.length} bytes of wasm)`);
