/** ViewCache: the view covers exactly the array's bytes, and follows a new array. */

import assert from "node:assert/strict";
import { ViewCache } from "../../lib/bytes/view_cache.ts";

Deno.test("a view of a subarray starts at the subarray's first byte", () => {
  const whole = new Uint8Array([9, 9, 1, 0, 0, 0, 2, 0, 0, 0]);
  const views = new ViewCache();
  const view = views.of(whole.subarray(2));
  assert.equal(view.getInt32(0, true), 1);
  assert.equal(view.getInt32(4, true), 2);
  assert.equal(view.byteLength, 8);
});

Deno.test("the same array gets the same view; another array a new one", () => {
  const views = new ViewCache();
  const a = new Uint8Array([1, 0, 0, 0]);
  const b = new Uint8Array([2, 0, 0, 0]);
  const first = views.of(a);
  assert.equal(views.of(a), first);
  assert.equal(views.of(b).getInt32(0, true), 2);
  assert.equal(views.of(a).getInt32(0, true), 1);
});
