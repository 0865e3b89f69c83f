/**
 * Grouping Accuracy (GA), the metric of the logparser benchmark (Zhu et al.,
 * "Tools and Benchmarks for Automated Log Parsing", ICSE-SEIP 2019): a line
 * counts as correct iff the set of lines in its predicted group is exactly
 * the set of lines that share its ground-truth template. GA is the number of
 * correct lines over all lines. It ignores template text, so a parser that
 * groups right but words its templates differently still scores 1.
 *
 * @module
 */

/**
 * A group label: a cluster id or a template string (compared as Map keys).
 *
 * @example
 * ```ts
 * import type { GroupLabel } from "./grouping_accuracy.ts";
 * const labels: GroupLabel[] = [3, "Verification succeeded for <*>"];
 * ```
 */
export type GroupLabel = string | number;

/**
 * GA and the counts behind it.
 *
 * @example
 * ```ts
 * import { groupingAccuracy } from "./grouping_accuracy.ts";
 * groupingAccuracy([0, 0], ["t", "t"]).correctGroups; // 1
 * ```
 */
export interface GroupingAccuracy {
  /** Correct lines over all lines, in [0, 1]; 1 for no lines. */
  accuracy: number;
  /** Lines whose predicted group equals their true group. */
  correct: number;
  /** All lines. */
  total: number;
  /** Distinct predicted labels. */
  predictedGroups: number;
  /** Distinct true labels. */
  truthGroups: number;
  /** True labels whose lines are grouped exactly right. */
  correctGroups: number;
}

/**
 * Grouping accuracy of `predicted` against `truth`, both one label per line
 * in the same order.
 *
 * A true group is right iff all its lines carry one predicted label and no
 * other line carries that label; then all its lines count as correct, else
 * none of them do.
 *
 * @example
 * ```ts
 * import { groupingAccuracy } from "./grouping_accuracy.ts";
 * // Lines 0-1 share a truth template and a cluster; lines 2-3 are split.
 * groupingAccuracy([1, 1, 2, 3], ["a", "a", "b", "b"]).accuracy; // 0.5
 * ```
 */
export function groupingAccuracy(
  predicted: readonly GroupLabel[],
  truth: readonly GroupLabel[],
): GroupingAccuracy {
  if (predicted.length !== truth.length) {
    throw new RangeError(
      `groupingAccuracy: ${predicted.length} predicted labels for ${truth.length} true labels`,
    );
  }
  const predictedSize = new Map<GroupLabel, number>();
  for (const label of predicted) predictedSize.set(label, (predictedSize.get(label) ?? 0) + 1);
  // For each true group: its size and its single predicted label, or null once
  // a second predicted label shows up (the group is then split).
  const groups = new Map<GroupLabel, { size: number; label: GroupLabel | null }>();
  for (let i = 0; i < truth.length; i++) {
    const group = groups.get(truth[i]);
    if (group === undefined) {
      groups.set(truth[i], { size: 1, label: predicted[i] });
    } else {
      group.size++;
      if (group.label !== predicted[i]) group.label = null;
    }
  }
  let correct = 0;
  let correctGroups = 0;
  for (const { size, label } of groups.values()) {
    // One predicted label throughout and of the same size: no foreign lines either.
    if (label !== null && predictedSize.get(label) === size) {
      correct += size;
      correctGroups++;
    }
  }
  return {
    accuracy: truth.length === 0 ? 1 : correct / truth.length,
    correct,
    total: truth.length,
    predictedGroups: predictedSize.size,
    truthGroups: groups.size,
    correctGroups,
  };
}
