/**
 * Message templates for the scan workers: a message's variable parts
 * (numbers, ids, addresses, paths, `name=value` values…) become `<*>`, on
 * its bytes, by the template miner's masking rules (see
 * `../templates/mask.ts`, and `../templates/mask_bytes.ts` for the byte
 * port, run as WebAssembly from `../templates/wasm/mask.wat`). Whitespace
 * runs become one space; an empty message becomes `(empty message)`. The
 * masked templates are then grouped further by the miner in analytics
 * (`../templates/group_templates.ts`).
 *
 * @module
 */

import { WasmMasker } from "../templates/mask_wasm.ts";

/** The placeholder for a variable part. */
export const WILDCARD = "<*>";

/** The template of a message with no text. */
export const EMPTY_MESSAGE = "(empty message)";

const EMPTY_BYTES = new TextEncoder().encode(EMPTY_MESSAGE);

/** A masked template: `bytes[0, length)`, valid until the next `mask` call. */
export interface MaskedTemplate {
  bytes: Uint8Array;
  length: number;
}

/**
 * Masks messages into a reused buffer.
 *
 * @example
 * ```ts
 * import { TemplateMasker } from "./template.ts";
 * const masker = new TemplateMasker();
 * const msg = new TextEncoder().encode("Connection refused to 10.0.0.9:5432");
 * const { bytes, length } = masker.mask(msg, 0, msg.length);
 * new TextDecoder().decode(bytes.subarray(0, length)); // "Connection refused to <*>"
 * ```
 */
export class TemplateMasker {
  // The WebAssembly port: its machine code is shared by every worker, where
  // the JavaScript masker was compiled again in each (~90 ms of CPU apiece).
  readonly #masker = new WasmMasker();
  readonly #empty: MaskedTemplate = { bytes: EMPTY_BYTES, length: EMPTY_BYTES.length };

  /** Masks `buf[start, end)`. */
  mask(buf: Uint8Array, start: number, end: number): MaskedTemplate {
    const masked = this.#masker.mask(buf, start, end);
    return masked.length === 0 ? this.#empty : masked;
  }
}

const textMasker = new TemplateMasker();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * {@linkcode TemplateMasker.mask} for a string.
 *
 * @example
 * ```ts
 * import { maskTemplateText } from "./template.ts";
 * maskTemplateText("Connection refused to 10.0.0.9:5432"); // "Connection refused to <*>"
 * ```
 */
export function maskTemplateText(message: string): string {
  const bytes = encoder.encode(message);
  const { bytes: out, length } = textMasker.mask(bytes, 0, bytes.length);
  return decoder.decode(out.subarray(0, length));
}
