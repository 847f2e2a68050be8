// Dify's comparison operators as shared by if-else, loop break conditions and list filters.
import { describe, expect, it } from "vitest";
import { type ComparisonOperator, compare, evaluateConditions } from "../../src/workflow/conditions";
import { VariablePool } from "../../src/workflow/variables";

describe("compare", () => {
  it.each<[ComparisonOperator, unknown, unknown, boolean]>([
    ["contains", "hello", "ell", true],
    ["contains", ["a", "b"], "b", true],
    ["contains", [1, 2], "2", true],
    ["contains", null, "x", false],
    ["not contains", "hello", "xyz", true],
    ["not contains", "", "x", true],
    ["start with", "hello", "he", true],
    ["end with", "hello", "lo", true],
    ["end with", "", "lo", false],
    ["is", "a", "a", true],
    ["is", true, "true", true],
    ["is", null, "a", false],
    ["is not", "a", "b", true],
    ["empty", "", null, true],
    ["empty", [], null, true],
    ["empty", 0, null, true],
    ["not empty", [0], null, true],
    ["in", "b", ["a", "b"], true],
    ["in", "c", ["a", "b"], false],
    ["not in", "c", ["a", "b"], true],
    ["all of", ["a", "b", "c"], ["a", "c"], true],
    ["all of", ["a"], ["a", "c"], false],
    ["=", 3, "3", true],
    ["=", 3.5, "3.5", true],
    ["=", false, "false", true],
    ["≠", 3, "4", true],
    [">", 5, "4", true],
    ["<", 5, "4", false],
    ["≥", 4, "4", true],
    ["≤", 4, "3", false],
    [">", null, "3", false],
    ["null", null, null, true],
    ["null", undefined, null, true],
    ["not null", 0, null, true],
    ["exists", "x", null, true],
    ["not exists", undefined, null, true],
  ])("%s: %j vs %j is %s", (op, actual, expected, result) => {
    expect(compare(op, actual, expected)).toBe(result);
  });

  it.each<[ComparisonOperator, unknown, unknown, string]>([
    ["contains", 5, "5", "Invalid actual value type: string or array"],
    ["start with", ["a"], "a", "Invalid actual value type: string"],
    ["is", 5, "5", "Invalid actual value type: string or boolean"],
    ["=", "5", "5", "Invalid actual value type: number or boolean"],
    [">", "5", "4", "Invalid actual value type: number"],
    [">", 5, "", 'Invalid expected value: "" is not a number'],
    ["in", "a", "a,b", "Invalid expected value type: array"],
    ["=", true, "maybe", 'Unexpected boolean value: "maybe"'],
  ])("%s on %j vs %j throws %s", (op, actual, expected, message) => {
    expect(() => compare(op, actual, expected)).toThrow(message);
  });
});

describe("evaluateConditions", () => {
  const pool = new VariablePool();
  pool.set("n", "text", "hello");
  pool.set("n", "num", 3);
  pool.set("n", "files", [
    { name: "a.pdf", extension: ".pdf", type: "document", transfer_method: "local_file" },
    { name: "b.png", extension: "png", type: "image", transfer_method: "remote_url" },
  ]);
  const c = (variable_selector: string[], comparison_operator: ComparisonOperator, value?: unknown) => ({ variable_selector, comparison_operator, value });

  it("combines with and/or, short-circuiting", () => {
    const yes = c(["n", "num"], ">", "1");
    const no = c(["n", "text"], "is", "bye");
    const broken = c(["n", "text"], ">", "1");
    expect(evaluateConditions(pool, [yes, no], "and").result).toBe(false);
    expect(evaluateConditions(pool, [yes, no], "or").result).toBe(true);
    expect(evaluateConditions(pool, [no, broken], "and").evaluated).toHaveLength(1);
    expect(evaluateConditions(pool, [yes, broken], "or").result).toBe(true);
    expect(() => evaluateConditions(pool, [yes, broken], "and")).toThrow("Invalid actual value type: number");
    expect(evaluateConditions(pool, [], "and").result).toBe(true);
    expect(evaluateConditions(pool, [], "or").result).toBe(false);
  });

  it("reads unset variables as null", () => {
    expect(evaluateConditions(pool, [c(["gone", "x"], "null")], "and").result).toBe(true);
    expect(evaluateConditions(pool, [c(["gone", "x"], "empty")], "and").result).toBe(true);
  });

  it("checks file arrays through sub-conditions on a file attribute", () => {
    const files = (operator: ComparisonOperator, sub: { key: string; comparison_operator: ComparisonOperator; value: unknown }[], logical_operator: "and" | "or" = "and") => ({
      ...c(["n", "files"], operator),
      sub_variable_condition: { logical_operator, conditions: sub },
    });
    expect(evaluateConditions(pool, [files("contains", [{ key: "extension", comparison_operator: "is", value: "png" }])], "and").result).toBe(true);
    expect(evaluateConditions(pool, [files("contains", [{ key: "type", comparison_operator: "is", value: "video" }])], "and").result).toBe(false);
    // As Dify's processor: "not contains" over files is decided by its sub-conditions alone (no
    // negation); "no video" is a negated sub-condition.
    expect(evaluateConditions(pool, [files("not contains", [{ key: "type", comparison_operator: "is", value: "video" }])], "and").result).toBe(false);
    expect(evaluateConditions(pool, [files("not contains", [{ key: "type", comparison_operator: "is not", value: "video" }])], "and").result).toBe(true);
    expect(
      evaluateConditions(
        pool,
        [files("contains", [{ key: "name", comparison_operator: "start with", value: "a" }, { key: "transfer_method", comparison_operator: "is", value: "remote_url" }])],
        "and",
      ).result,
    ).toBe(true);
    expect(() => evaluateConditions(pool, [files("contains", [])], "and")).toThrow("Sub variable is required");
  });
});
