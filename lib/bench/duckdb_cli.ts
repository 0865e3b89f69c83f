/**
 * The benchmark's DuckDB child process: runs the peer on one file and prints
 * its results as JSON, so its time and memory are measured apart from
 * logpulse's. Usage: `deno run -A lib/bench/duckdb_cli.ts FILE THREADS MIXED YEAR`.
 *
 * @module
 */

import { runDuckdbPeer } from "./duckdb_peer.ts";

if (import.meta.main) {
  const [file, threads, mixed, year] = Deno.args;
  const result = await runDuckdbPeer(file, {
    threads: Number(threads),
    mixed: mixed === "true",
    defaultYear: Number(year),
  });
  console.log(JSON.stringify({
    seconds: result.seconds,
    levels: result.levels,
    byHour: [...result.byHour],
    perService: [...result.perService],
    perIp: [...result.perIp],
  }));
}
