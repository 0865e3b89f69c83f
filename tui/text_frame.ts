/**
 * One dashboard frame as plain text (`deno task dashboard --once`): for
 * scripts, README screenshots and tests. Draws the same view model as the
 * live screen, with every piece of log text sanitised and fitted by
 * terminal columns.
 *
 * @module
 */

import { describeFilter } from "./filter.ts";
import type { DashboardFilter } from "./filter.ts";
import { formatBucket, formatCount, formatMinute, formatPercent } from "./format.ts";
import { displayWidth, fitWidth, sanitizeText } from "./sanitize.ts";
import type { DashboardView } from "./view_model.ts";

const SPARK = "▁▂▃▄▅▆▇█";

function rule(title: string, width: number): string {
  const head = fitWidth(`── ${title} `, Math.min(width, displayWidth(`── ${title} `)));
  return head + "─".repeat(Math.max(0, width - displayWidth(head)));
}

function bar(value: number, max: number, width: number): string {
  const n = max > 0 ? Math.round((value / max) * width) : 0;
  return "█".repeat(n) + " ".repeat(width - n);
}

/** Two column blocks side by side, each `half` wide. */
function sideBySide(left: string[], right: string[], half: number, gap: number): string[] {
  const rows = Math.max(left.length, right.length);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    out.push(fitWidth(left[i] ?? "", half) + " ".repeat(gap) + fitWidth(right[i] ?? "", half));
  }
  return out;
}

/**
 * Renders a frame of exactly `height` lines of `width` columns (fewer lines
 * when there is less to show).
 *
 * @example
 * ```ts
 * import { renderTextFrame } from "./text_frame.ts";
 * // console.log(renderTextFrame(view, filter, { width: 120, height: 40, refreshSeconds: 5 }));
 * ```
 */
export function renderTextFrame(
  view: DashboardView,
  filter: DashboardFilter,
  options: { width: number; height: number; refreshSeconds: number },
): string {
  const width = Math.max(40, options.width);
  const half = Math.floor((width - 2) / 2);
  const m = view.metrics;
  const lines: string[] = [];
  lines.push(fitWidth(`logpulse — ${describeFilter(filter)}`, width));
  lines.push(fitWidth(
    `Total logs ${formatCount(m.total)} | Errors ${formatCount(m.errors)} | Error rate ${
      formatPercent(m.errorRate)
    } | Active alerts ${m.activeAlerts} | Rejected ${formatCount(m.rejected)}`,
    width,
  ));
  lines.push(fitWidth(
    `Range ${formatMinute(m.firstMs)} → ${formatMinute(m.lastMs)} UTC | Last update ${
      m.lastUpdate.slice(0, 19).replace("T", " ")
    }`,
    width,
  ));

  const points = view.trend.points.slice(-(width - 12));
  const maxErrors = Math.max(0, ...points.map((p) => p.errors));
  const maxTotal = Math.max(0, ...points.map((p) => p.total));
  const spark = (values: number[], max: number) =>
    values.map((v) => v === 0 ? " " : SPARK[Math.min(7, Math.floor((v / max) * 7.999))]).join("");
  lines.push(
    rule(`Errors over time (per ${view.trend.bucket}, max ${formatCount(maxErrors)})`, width),
  );
  lines.push(fitWidth(`errors  ${spark(points.map((p) => p.errors), maxErrors)}`, width));
  lines.push(fitWidth(`total   ${spark(points.map((p) => p.total), maxTotal)}`, width));
  if (points.length > 0) {
    lines.push(fitWidth(
      `        ${formatBucket(points[0].start, view.trend.bucket)} … ${
        formatBucket(points[points.length - 1].start, view.trend.bucket)
      }`,
      width,
    ));
  }

  lines.push(rule("Levels", width));
  lines.push(fitWidth(
    view.levels.map((l) =>
      `${l.shown ? "" : "("}${l.level} ${formatCount(l.count)}${l.shown ? "" : ")"}`
    )
      .join("  "),
    width,
  ));

  const barWidth = Math.max(4, Math.floor(half / 3));
  const labelWidth = half - barWidth - 10;
  const typeMax = Math.max(0, ...view.topTypes.map((t) => t.count));
  const serviceMax = Math.max(0, ...view.services.map((s) => s.errors));
  const typeRows = view.topTypes.slice(0, 5).map((t) =>
    `${fitWidth(sanitizeText(t.type), labelWidth)} ${bar(t.count, typeMax, barWidth)} ${
      fitWidth(formatCount(t.count), 8, "right")
    }`
  );
  const serviceRows = view.services.slice(0, 5).map((s) =>
    `${fitWidth(sanitizeText(s.key), labelWidth)} ${bar(s.errors, serviceMax, barWidth)} ${
      fitWidth(formatCount(s.errors), 8, "right")
    }`
  );
  lines.push(...sideBySide(
    [rule("Top error types", half), ...typeRows],
    [
      rule("Errors by service", half),
      ...serviceRows,
    ],
    half,
    2,
  ));

  const ipWidth = half - 30;
  const ipRows = [
    `${fitWidth("ip", ipWidth)} ${fitWidth("errors", 9, "right")} ${
      fitWidth("total", 9, "right")
    } ${fitWidth("rate", 8, "right")}`,
    ...view.ips.slice(0, 5).map((ip) =>
      `${fitWidth(sanitizeText(ip.key), ipWidth)} ${fitWidth(formatCount(ip.errors), 9, "right")} ${
        fitWidth(formatCount(ip.total), 9, "right")
      } ${fitWidth(formatPercent(ip.rate), 8, "right")}`
    ),
  ];
  // The template, and one real example line of it where both can be read.
  const withExample = half >= 90;
  const templateWidth = withExample ? Math.ceil((half - 10) * 0.55) : half - 10;
  const exampleWidth = half - 10 - templateWidth - 1;
  const cells = (template: string, example: string) =>
    withExample
      ? `${fitWidth(template, templateWidth)} ${fitWidth(example, exampleWidth)}`
      : fitWidth(template, templateWidth);
  const topErrorRows = [
    `${cells("template", "example")} ${fitWidth("count", 9, "right")}`,
    ...view.topErrors.slice(0, 5).map((e) =>
      `${cells(sanitizeText(e.template), sanitizeText(e.examples[0]?.message ?? ""))} ${
        fitWidth(formatCount(e.count), 9, "right")
      }`
    ),
  ];
  lines.push(...sideBySide(
    [rule("Errors by IP", half), ...ipRows],
    [
      rule("Top errors", half),
      ...topErrorRows,
    ],
    half,
    2,
  ));

  lines.push(rule("Alerts (newest first)", width));
  const alertRows = Math.max(1, options.height - lines.length - 2);
  if (view.alerts.length === 0) lines.push(fitWidth("no alerts", width));
  for (const alert of view.alerts.slice(0, alertRows)) {
    lines.push(fitWidth(
      `[${formatMinute(alert.firedAt)}] [${alert.severity}] ${sanitizeText(alert.type)}: ${
        sanitizeText(alert.message)
      }`,
      width,
    ));
  }
  lines.push(fitWidth(
    `refresh ${options.refreshSeconds}s | q quit  ? help  r refresh  1-4 range  f from..to  d i w e c u levels  s service`,
    width,
  ));
  return lines.slice(0, Math.max(1, options.height)).map((line) => line.trimEnd()).join("\n");
}
