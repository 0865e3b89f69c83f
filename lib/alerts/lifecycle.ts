/**
 * The alert lifecycle, as in Prometheus and Alertmanager: a condition that
 * starts to hold makes its alert pending; held for `for_minutes` it fires (an
 * event); while it keeps firing the event repeats every `repeat_minutes`;
 * when the condition stops, the alert resolves (one event).
 *
 * Time is log time: the lifecycle steps through every minute of the logs, so
 * a cold run over a day of logs reports the incidents when they happened, and
 * incremental runs give the same events as one run over everything.
 *
 * @module
 */

import type { AlertRules, AlertType, Condition } from "./rules.ts";
import { evaluateWindow, SEVERITY } from "./rules.ts";
import type { Group, GroupLabels } from "./window_series.ts";

/** Lifecycle timing (the `alerts` config section's timing keys). */
export interface LifecycleTiming {
  for_minutes: number;
  repeat_minutes: number;
}

/** One (rule, group)'s state between minutes. */
export interface AlertState {
  type: AlertType;
  group: string;
  state: "pending" | "firing";
  /** Minute the condition started holding. */
  since: number;
  /** Minute of the last firing or repeat event (firing only). */
  lastSent: number | null;
}

/** Something to log and send. */
export interface AlertEvent {
  /** Log time of the event: the end of the minute that decided it (epoch ms). */
  at: number;
  kind: "firing" | "repeat" | "resolved";
  type: AlertType;
  severity: "HIGH" | "MEDIUM" | "CRITICAL";
  group: string;
  labels: GroupLabels;
  /** When the condition started holding (epoch ms). */
  startsAt: number;
  message: string;
  value: number;
  threshold: number;
}

/** Everything the lifecycle needs besides the series. */
export type LifecycleSettings = AlertRules & LifecycleTiming;

/**
 * Steps every group through minutes `from` to `to` (inclusive), updating
 * `states` (keyed by `type|group`) and returning the events in time order.
 *
 * @example
 * ```ts
 * import { stepLifecycle } from "./lifecycle.ts";
 * // const events = stepLifecycle(groups, states, first, last, settings);
 * ```
 */
export function stepLifecycle(
  groups: readonly Group[],
  states: Map<string, AlertState>,
  from: number,
  to: number,
  settings: LifecycleSettings,
): AlertEvent[] {
  const events: AlertEvent[] = [];
  for (let minute = from; minute <= to; minute++) {
    const at = (minute + 1) * 60_000;
    for (const group of groups) {
      const conditions = evaluateWindow(group.series, minute, settings);
      for (const condition of conditions) {
        const key = `${condition.type}|${group.key}`;
        const state = states.get(key);
        const event = (kind: AlertEvent["kind"], since: number, message: string) =>
          events.push({
            at,
            kind,
            type: condition.type,
            severity: SEVERITY[condition.type],
            group: group.key,
            labels: group.labels,
            startsAt: since * 60_000,
            message,
            value: condition.value,
            threshold: condition.threshold,
          });
        if (!condition.holds) {
          if (state?.state === "firing") {
            event("resolved", state.since, resolvedMessage(condition, state.since, minute));
          }
          if (state) states.delete(key);
          continue;
        }
        const current = state ?? {
          type: condition.type,
          group: group.key,
          state: "pending" as const,
          since: minute,
          lastSent: null,
        };
        if (!state) states.set(key, current);
        if (current.state === "pending") {
          if (minute - current.since >= settings.for_minutes) {
            current.state = "firing";
            current.lastSent = minute;
            event("firing", current.since, condition.message);
          }
        } else if (minute - current.lastSent! >= settings.repeat_minutes) {
          current.lastSent = minute;
          event(
            "repeat",
            current.since,
            `still firing after ${minute - current.since} min: ${condition.message}`,
          );
        }
      }
    }
  }
  return events;
}

function resolvedMessage(condition: Condition, since: number, minute: number): string {
  return `resolved after ${minute - since} min; now ${condition.measure}`;
}
