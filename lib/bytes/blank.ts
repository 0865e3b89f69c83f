/**
 * The bytes a field is trimmed of, as a lookup table: one load per test,
 * small enough for V8 to inline where fields are read per row.
 *
 * @module
 */

/**
 * 1 for space and tab, 0 for every other byte value.
 *
 * @example
 * ```ts
 * import { BLANK } from "./blank.ts";
 * const bytes = new TextEncoder().encode(" a\t");
 * BLANK[bytes[0]]; // 1
 * BLANK[bytes[1]]; // 0
 * BLANK[bytes[2]]; // 1
 * ```
 */
export const BLANK: Uint8Array = new Uint8Array(256);
BLANK[0x20] = 1;
BLANK[0x09] = 1;
