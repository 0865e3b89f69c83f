/**
 * Tests for lib/templates/grouping_accuracy.ts on hand-computed examples:
 * exact groups, split groups, merged groups, label types, edge cases, and a
 * property: relabelling the predicted groups never changes GA.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { groupingAccuracy } from "../../lib/templates/grouping_accuracy.ts";

Deno.test("hand-made example: one group right, one split, one merged with a stray line", () => {
  // Truth: A = {0, 1}, B = {2, 3}, C = {4}.
  // Predicted: 1 = {0, 1} (= A, right), 2 = {2}, 3 = {3, 4}.
  // B is split over 2 and 3; C's cluster 3 also holds line 3. Correct: 2 of 5.
  const ga = groupingAccuracy([1, 1, 2, 3, 3], ["A", "A", "B", "B", "C"]);
  assert.deepEqual(ga, {
    accuracy: 0.4,
    correct: 2,
    total: 5,
    predictedGroups: 3,
    truthGroups: 3,
    correctGroups: 1,
  });
});

Deno.test("a group is right only if its predicted cluster holds exactly its lines", () => {
  // Right labels, different names: all correct.
  assert.equal(groupingAccuracy([7, 7, 9], ["x", "x", "y"]).accuracy, 1);
  // Everything in one cluster: no true group equals it.
  assert.equal(groupingAccuracy([0, 0, 0], ["x", "x", "y"]).accuracy, 0);
  // Everything in one cluster, one true group: all correct.
  assert.equal(groupingAccuracy([0, 0, 0], ["x", "x", "x"]).accuracy, 1);
  // Every line alone: only singleton true groups are right (y, z of 4 lines).
  assert.equal(groupingAccuracy([0, 1, 2, 3], ["x", "x", "y", "z"]).accuracy, 0.5);
});

Deno.test("labels may be strings or numbers; a number and its string differ", () => {
  assert.equal(groupingAccuracy(["a <*>", "a <*>", "b"], [1, 1, 2]).accuracy, 1);
  assert.equal(groupingAccuracy([1, "1"], ["t", "t"]).accuracy, 0);
});

Deno.test("no lines is accuracy 1; lengths must match", () => {
  assert.equal(groupingAccuracy([], []).accuracy, 1);
  assert.throws(() => groupingAccuracy([1], []), RangeError);
});

Deno.test("property: GA is in [0, 1] and unchanged by renaming predicted labels", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
        maxLength: 40,
      }),
      (pairs) => {
        const predicted = pairs.map(([p]) => p);
        const truth = pairs.map(([, t]) => t);
        const ga = groupingAccuracy(predicted, truth);
        assert.ok(ga.accuracy >= 0 && ga.accuracy <= 1);
        const renamed = groupingAccuracy(predicted.map((p) => `cluster ${p * 7}`), truth);
        assert.equal(renamed.accuracy, ga.accuracy);
        // Scoring the truth against itself is perfect.
        assert.equal(groupingAccuracy(truth, truth).accuracy, 1);
      },
    ),
  );
});
