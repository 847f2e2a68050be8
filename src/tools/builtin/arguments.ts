// Reads a built-in tool's arguments against its parameter list, once, before the handler runs:
// models send numbers as strings and objects where text was meant, and Dify DSL files send form
// values as strings, so values are coerced where the intent is clear and refused otherwise.
import { Invalid } from "../../lib/errors";
import type { ToolDefinition, ToolParameter } from "../types";

export interface ToolArgs {
  string(name: string): string;
  optionalString(name: string): string | undefined;
  number(name: string): number;
  optionalNumber(name: string): number | undefined;
  boolean(name: string): boolean;
  /** A `file` parameter's value: one Dify file object (a list of exactly one is taken as it). */
  file(name: string): Record<string, unknown>;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

type Value = string | number | boolean | Record<string, unknown>;

function coerce(tool: string, p: ToolParameter, value: unknown): Value {
  const where = `${tool}: ${p.name}`;
  switch (p.type) {
    case "file": {
      // Dify's cast for a FILE parameter: a list of one file is that file, of more an error.
      let file = value;
      if (Array.isArray(value)) {
        if (value.length !== 1) throw Invalid(`${where}: This parameter only accepts one file but got multiple files while invoking.`, [p.name]);
        file = value[0];
      }
      if (typeof file !== "object" || file === null || Array.isArray(file)) throw Invalid(`${where} must be a file (got ${JSON.stringify(value)})`, [p.name]);
      return file as Record<string, unknown>;
    }
    case "number": {
      const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
      if (!Number.isFinite(n)) throw Invalid(`${where} must be a number (got ${JSON.stringify(value)})`, [p.name]);
      return n;
    }
    case "boolean": {
      if (typeof value === "boolean") return value;
      const s = String(value).trim().toLowerCase();
      if (["true", "1", "yes"].includes(s)) return true;
      if (["false", "0", "no"].includes(s)) return false;
      throw Invalid(`${where} must be true or false (got ${JSON.stringify(value)})`, [p.name]);
    }
    default: {
      // Objects and arrays arrive where a model passed JSON for a text field (json_process content).
      const s = typeof value === "object" ? JSON.stringify(value) : String(value);
      if (p.type === "select" && p.options?.length && !p.options.includes(s)) {
        throw Invalid(`${where} must be one of ${p.options.join(", ")} (got ${JSON.stringify(s)})`, [p.name]);
      }
      return s;
    }
  }
}

/** Validates `raw` against the definition: required values present, types coerced, defaults applied. */
export function toolArgs(definition: ToolDefinition, raw: Record<string, unknown>): ToolArgs {
  const values = new Map<string, Value>();
  for (const p of definition.parameters) {
    const given = raw?.[p.name];
    if (isEmpty(given)) {
      if (!isEmpty(p.default)) values.set(p.name, coerce(definition.name, p, p.default));
      else if (p.required) throw Invalid(`${definition.name}: ${p.name} is required`, [p.name]);
      continue;
    }
    values.set(p.name, coerce(definition.name, p, given));
  }
  const missing = (name: string) => Invalid(`${definition.name}: ${name} is required`, [name]);
  return {
    string: (name) => {
      const v = values.get(name);
      if (v === undefined) throw missing(name);
      return String(v);
    },
    optionalString: (name) => {
      const v = values.get(name);
      return v === undefined ? undefined : String(v);
    },
    number: (name) => {
      const v = values.get(name);
      if (typeof v !== "number") throw missing(name);
      return v;
    },
    optionalNumber: (name) => {
      const v = values.get(name);
      return typeof v === "number" ? v : undefined;
    },
    boolean: (name) => values.get(name) === true,
    file: (name) => {
      const v = values.get(name);
      if (typeof v !== "object") throw missing(name);
      return v;
    },
  };
}
