/**
 * A DataView of the last buffer asked for. Hot loops read whole words through
 * a DataView (one load, where assembling four bytes costs four loads and
 * shifts), and a partition hands them the same buffer row after row, so the
 * view is made once per buffer, not once per read.
 *
 * @module
 */

/**
 * Keeps a DataView of the last `Uint8Array` given.
 *
 * @example
 * ```ts
 * import { ViewCache } from "./view_cache.ts";
 * const views = new ViewCache();
 * const bytes = new Uint8Array([1, 0, 0, 0, 2]);
 * views.of(bytes).getInt32(0, true); // 1
 * views.of(bytes) === views.of(bytes); // true: one view per buffer
 * ```
 */
export class ViewCache {
  #buf: Uint8Array | null = null;
  #view: DataView = new DataView(new ArrayBuffer(0));

  /** A DataView over exactly `buf`'s bytes (offset 0 is `buf[0]`). */
  of(buf: Uint8Array): DataView {
    if (buf !== this.#buf) {
      this.#buf = buf;
      this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    return this.#view;
  }
}
