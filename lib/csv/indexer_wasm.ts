/**
 * The CSV structural indexer's WebAssembly binary, base64. Generated from
 * `wasm/indexer.wat` by `deno task build-wasm`; do not edit.
 *
 * @module
 */

/** The indexer module's bytes, base64-encoded. */
export const INDEXER_WASM_BASE64 =
  "AGFzbQEAAAABCAFgA39/fwF/AwIBAAUDAQABBxICBm1lbW9yeQIABWluZGV4AAAKnAEBmQEDA38BewF/IAIhBCAAIQMCQANAIAMgAU8NASAD/QAAACEGIAZBLP0P/SMgBkEK/Q/9I/1QIAZBIv0P/SP9UP1kIQUgASADayIHQRBJBEAgBUEBIAd0QQFrcSEFCwJAA0AgBUUNASAEIAMgBWhqNgIAIARBBGohBCAFIAVBAWtxIQUMAAsLIANBEGohAwwACwsgBCACa0ECdgs=";
