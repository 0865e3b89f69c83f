/** strftime-like timestamp formats against hand-computed epochs. */

import assert from "node:assert/strict";
import { compileTimeFormat } from "../../lib/time/time_format.ts";
import { createZone } from "../../lib/time/zone.ts";

const UTC = { zone: createZone("UTC"), defaultYear: 2024 };

Deno.test("time formats: the Loghub shapes", () => {
  const cases: [string, string, number][] = [
    ["%y%m%d %H%M%S", "081109 203615", Date.UTC(2008, 10, 9, 20, 36, 15)],
    ["%m-%d %H:%M:%S.%f", "03-17 16:13:38.811", Date.UTC(2024, 2, 17, 16, 13, 38, 811)],
    ["%a %b %d %H:%M:%S %Y", "Sun Dec 04 04:47:44 2005", Date.UTC(2005, 11, 4, 4, 47, 44)],
    ["%Y-%m-%d-%H.%M.%S.%f", "2005-06-03-15.42.50.675872", Date.UTC(2005, 5, 3, 15, 42, 50, 675)],
    ["%s", "1077804742", 1077804742000],
    ["%s", "1521911721.588", 1521911721588],
    ["%Y%m%d-%H:%M:%S:%f", "20171223-22:15:29:606", Date.UTC(2017, 11, 23, 22, 15, 29, 606)],
    ["%b %d %H:%M:%S", "Jul  1 09:00:55", Date.UTC(2024, 6, 1, 9, 0, 55)],
    ["%m.%d %H:%M:%S", "10.30 16:49:06", Date.UTC(2024, 9, 30, 16, 49, 6)],
    ["%y/%m/%d %H:%M:%S", "17/06/09 20:10:40", Date.UTC(2017, 5, 9, 20, 10, 40)],
    ["%y/%m/%d %H:%M:%S", "99/06/09 20:10:40", Date.UTC(1999, 5, 9, 20, 10, 40)],
    ["%Y-%m-%d %H:%M:%S,%f", "2015-07-29 17:41:44,747", Date.UTC(2015, 6, 29, 17, 41, 44, 747)],
    ["%Y-%m-%dT%H:%M:%S%z", "2024-01-15T10:00:00+02:00", Date.UTC(2024, 0, 15, 8)],
    ["%Y-%m-%dT%H:%M:%S%z", "2024-01-15T10:00:00Z", Date.UTC(2024, 0, 15, 10)],
    ["%d/%b/%Y:%H:%M:%S %z", "17/May/2015:10:05:03 -0130", Date.UTC(2015, 4, 17, 11, 35, 3)],
  ];
  for (const [format, text, expected] of cases) {
    assert.equal(compileTimeFormat(format)(text, UTC), expected, `${format} on ${text}`);
  }
});

Deno.test("time formats: the zone applies without %z; impossible dates are NaN", () => {
  const berlin = { zone: createZone("Europe/Berlin"), defaultYear: 2024 };
  assert.equal(
    compileTimeFormat("%Y-%m-%d %H:%M:%S")("2024-07-01 12:00:00", berlin),
    Date.UTC(2024, 6, 1, 10),
  );
  const parse = compileTimeFormat("%Y-%m-%d %H:%M:%S");
  for (const text of ["2024-04-31 00:00:00", "2024-13-01 00:00:00", "2024-01-01 24:00:00", "x"]) {
    assert.ok(Number.isNaN(parse(text, UTC)), text);
  }
  assert.ok(Number.isNaN(compileTimeFormat("%b %d")("Foo 12", UTC)));
});

Deno.test("time formats: unknown or repeated directives are refused when compiled", () => {
  assert.throws(() => compileTimeFormat("%Q"), /unknown directive %Q/);
  assert.throws(() => compileTimeFormat("%Y %Y"), /%Y appears twice/);
  assert.equal(compileTimeFormat("%%%Y")("%2024", UTC), Date.UTC(2024, 0, 1));
});
