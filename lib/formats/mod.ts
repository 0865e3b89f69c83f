/**
 * Line parsers for non-CSV log formats (JSON Lines, Apache/Nginx access logs,
 * syslog RFC 3164/5424, logfmt, configurable regex patterns), keyword level
 * inference, format detection and format configs. Every parser is a pure
 * function `(line, options) => ParseOutcome`.
 *
 * @example
 * ```ts
 * import { detectFormat, parseSyslog } from "./mod.ts";
 * const lines = ["Mar 27 13:06:56 host sshd[1291]: Server listening on 0.0.0.0 port 22."];
 * detectFormat(lines).format; // "syslog3164"
 * const out = parseSyslog(lines[0], { defaultYear: 2017 });
 * out.ok && out.fields.service; // "sshd"
 * ```
 * @module
 */

export * from "./access_log.ts";
export * from "./config.ts";
export * from "./detect.ts";
export * from "./field_map.ts";
export * from "./json_lines.ts";
export * from "./keyword_level.ts";
export * from "./logfmt.ts";
export * from "./pattern.ts";
export * from "./record.ts";
export * from "./syslog.ts";
export * from "./spec.ts";
