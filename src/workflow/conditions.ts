// Dify's comparison operators, shared by the if-else node, loop break conditions and the
// list-operator filter. Semantics follow Dify's condition processor: string operators want
// strings, numeric ones numbers, and a wrong actual type is an error, not a silent false.
import { z } from "zod";
import { Invalid } from "../lib/errors";
import { fileAttribute, type VariablePool } from "./variables";

export const COMPARISON_OPERATORS = [
  "contains",
  "not contains",
  "start with",
  "end with",
  "is",
  "is not",
  "empty",
  "not empty",
  "in",
  "not in",
  "all of",
  "=",
  "≠",
  ">",
  "<",
  "≥",
  "≤",
  "null",
  "not null",
  "exists",
  "not exists",
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const comparisonOperatorSchema = z.enum(COMPARISON_OPERATORS);
export const logicalOperatorSchema = z.enum(["and", "or"]).default("and");
export type LogicalOperator = z.infer<typeof logicalOperatorSchema>;

/** A condition on one attribute (`key`) of each file in an array, or of each list element. */
export const subConditionSchema = z.looseObject({
  key: z.string().default(""),
  comparison_operator: comparisonOperatorSchema,
  value: z.unknown().optional(),
});
export type SubCondition = z.infer<typeof subConditionSchema>;

export const conditionSchema = z.looseObject({
  variable_selector: z.array(z.string()).min(2),
  comparison_operator: comparisonOperatorSchema,
  value: z.unknown().optional(),
  varType: z.string().optional(),
  sub_variable_condition: z
    .looseObject({ logical_operator: logicalOperatorSchema, conditions: z.array(subConditionSchema).default([]) })
    .optional()
    .nullable(),
});
export type Condition = z.infer<typeof conditionSchema>;

export interface EvaluatedCondition {
  actual_value: unknown;
  expected_value: unknown;
  comparison_operator: ComparisonOperator;
}

const isFile = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  ((v as Record<string, unknown>).dify_model_identity === "__dify__file__" || "transfer_method" in v);

/** Python truthiness, which Dify's empty/not-empty and contains checks rely on. */
function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v as object).length > 0;
  return true;
}

function toBool(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "true" || s === "1") return true;
    if (s === "false" || s === "0" || s === "") return false;
  }
  throw Invalid(`Unexpected boolean value: ${JSON.stringify(v)}`);
}

function toNumber(v: unknown): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (Number.isNaN(n)) throw Invalid(`Invalid expected value: ${JSON.stringify(v)} is not a number`);
  return n;
}

/** Element equality for membership tests: numbers match their numeric strings (form values are strings). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "string") return b.trim() !== "" && Number(b) === a;
  if (typeof b === "number" && typeof a === "string") return a.trim() !== "" && Number(a) === b;
  return false;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (!isTruthy(actual)) return false;
  if (typeof actual === "string") return actual.includes(String(expected ?? ""));
  if (Array.isArray(actual)) return actual.some((item) => sameValue(item, expected));
  throw Invalid("Invalid actual value type: string or array");
}

function wantString(actual: unknown): string {
  if (typeof actual !== "string") throw Invalid("Invalid actual value type: string");
  return actual;
}

function numeric(actual: unknown, expected: unknown, cmp: (a: number, b: number) => boolean): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual !== "number") throw Invalid("Invalid actual value type: number");
  return cmp(actual, toNumber(expected));
}

function equality(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "boolean") return actual === toBool(expected);
  if (typeof actual !== "number") throw Invalid("Invalid actual value type: number or boolean");
  return actual === toNumber(expected);
}

function expectedList(expected: unknown): unknown[] {
  if (!Array.isArray(expected)) throw Invalid("Invalid expected value type: array");
  return expected;
}

/** Applies one operator to an actual and an (already resolved) expected value. */
export function compare(operator: ComparisonOperator, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case "contains":
      return contains(actual, expected);
    case "not contains":
      return !isTruthy(actual) || !contains(actual, expected);
    case "start with":
      return isTruthy(actual) && wantString(actual).startsWith(String(expected ?? ""));
    case "end with":
      return isTruthy(actual) && wantString(actual).endsWith(String(expected ?? ""));
    case "is":
    case "is not": {
      if (actual === null || actual === undefined) return false;
      let same: boolean;
      if (typeof actual === "boolean") same = actual === toBool(expected);
      else if (typeof actual === "string") same = actual === String(expected ?? "");
      else throw Invalid("Invalid actual value type: string or boolean");
      return operator === "is" ? same : !same;
    }
    case "empty":
      return !isTruthy(actual);
    case "not empty":
      return isTruthy(actual);
    case "=":
      return actual !== null && actual !== undefined && equality(actual, expected);
    case "≠":
      return actual !== null && actual !== undefined && !equality(actual, expected);
    case ">":
      return numeric(actual, expected, (a, b) => a > b);
    case "<":
      return numeric(actual, expected, (a, b) => a < b);
    case "≥":
      return numeric(actual, expected, (a, b) => a >= b);
    case "≤":
      return numeric(actual, expected, (a, b) => a <= b);
    case "null":
    case "not exists":
      return actual === null || actual === undefined;
    case "not null":
    case "exists":
      return actual !== null && actual !== undefined;
    case "in":
      return isTruthy(actual) && expectedList(expected).some((item) => sameValue(actual, item));
    case "not in":
      return !isTruthy(actual) || !expectedList(expected).some((item) => sameValue(actual, item));
    case "all of": {
      if (!isTruthy(actual)) return false;
      const list = expectedList(expected);
      if (typeof actual === "string") return list.every((item) => actual.includes(String(item)));
      if (Array.isArray(actual)) return list.every((item) => actual.some((a) => sameValue(a, item)));
      throw Invalid("Invalid actual value type: string or array");
    }
  }
}

/**
 * An item's attribute for a sub-condition or an ordering key, read as Dify's file manager reads a
 * file's (see fileAttribute); a plain object's keys read the same way.
 */
export function itemAttribute(item: unknown, key: string): unknown {
  return typeof item === "object" && item !== null ? fileAttribute(item as Record<string, unknown>, key) : undefined;
}

export function matchesSubCondition(item: unknown, condition: SubCondition, pool?: VariablePool): boolean {
  let expected = typeof condition.value === "string" && pool ? pool.render(condition.value) : condition.value;
  if (condition.key === "extension" && typeof expected === "string" && expected && !expected.startsWith(".")) {
    expected = `.${expected}`;
  }
  const actual = condition.key ? itemAttribute(item, condition.key) : item;
  return compare(condition.comparison_operator, actual, expected);
}

function evaluateSubConditions(items: unknown[], condition: Condition, pool: VariablePool): boolean {
  const sub = condition.sub_variable_condition;
  if (!sub || sub.conditions.length === 0) throw Invalid("Sub variable is required");
  const results = sub.conditions.map((c) => {
    const each = items.map((item) => matchesSubCondition(item, c, pool));
    // A negated operator must hold for every file; a positive one for any file.
    return c.comparison_operator.includes("not") ? each.every(Boolean) : each.some(Boolean);
  });
  // The outer operator (contains, not contains, all of) only says to look at the files: Dify's
  // processor does not negate "not contains" (a negated sub-condition says "not").
  return sub.logical_operator === "and" ? results.every(Boolean) : results.some(Boolean);
}

/**
 * Evaluates conditions against the pool with and/or (short-circuiting, as Dify). A variable that
 * was never set reads as null, so `null`/`empty`/`not exists` work on skipped branches.
 */
export function evaluateConditions(
  pool: VariablePool,
  conditions: readonly Condition[],
  logicalOperator: LogicalOperator,
): { result: boolean; evaluated: EvaluatedCondition[] } {
  const evaluated: EvaluatedCondition[] = [];
  for (const condition of conditions) {
    const actual = pool.get(condition.variable_selector);
    const op = condition.comparison_operator;
    let result: boolean;
    if (
      Array.isArray(actual) &&
      actual.length > 0 &&
      actual.every(isFile) &&
      (op === "contains" || op === "not contains" || op === "all of")
    ) {
      result = evaluateSubConditions(actual, condition, pool);
      evaluated.push({ actual_value: actual, expected_value: condition.sub_variable_condition ?? null, comparison_operator: op });
    } else {
      const raw = condition.value;
      const expected = typeof raw === "string" ? pool.render(raw) : raw;
      result = compare(op, actual, expected);
      evaluated.push({ actual_value: actual ?? null, expected_value: expected ?? null, comparison_operator: op });
    }
    if (logicalOperator === "and" ? !result : result) return { result, evaluated };
  }
  return { result: logicalOperator === "and", evaluated };
}
