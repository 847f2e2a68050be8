// The start node: checks the user's inputs against its form (Dify's rules for each field type)
// and outputs them, plus the `sys.*` values, for the rest of the graph.
import { type Schema, Validator } from "@cfworker/json-schema";
import { z } from "zod";
import { bareExtension, stringList } from "../../apps/upload-files";
import { laxString } from "../../lib/lax";
import { Invalid } from "../../lib/errors";
import { requireEngine } from "../engine/state";
import type { WorkflowNode } from "./types";

const FIELD_TYPES = ["text-input", "paragraph", "select", "number", "checkbox", "json_object", "file", "file-list", "external_data_tool"] as const;

const variableSchema = z.looseObject({
  variable: z.string().min(1),
  label: z.string().optional(),
  type: z.enum(FIELD_TYPES).default("text-input"),
  required: z.boolean().default(false),
  default: z.unknown().optional(),
  max_length: z.number().nullable().optional(),
  options: z.array(laxString()).nullable().optional(),
  json_schema: z.unknown().optional(),
  // Read leniently (lists of strings, anything else ignored): exports from other Dify versions vary.
  allowed_file_types: z.unknown().optional(),
  allowed_file_extensions: z.unknown().optional(),
  allowed_file_upload_methods: z.unknown().optional(),
});
type FormVariable = z.infer<typeof variableSchema>;

const schema = z.looseObject({ variables: z.array(variableSchema).default([]) });

/** A json_object input's schema: the editor keeps it as JSON text, exports may hold the object; "" or broken text is none. */
function schemaOf(raw: unknown): Record<string, unknown> | null {
  let value = raw;
  if (typeof raw === "string") {
    if (!raw.trim()) return null;
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "off", ""]);

function coerce(v: FormVariable, raw: unknown): unknown {
  const name = v.variable;
  const value = typeof raw === "string" ? raw.replaceAll("\u0000", "") : raw;
  switch (v.type) {
    case "text-input":
    case "paragraph":
    case "select": {
      if (typeof value !== "string") throw Invalid(`${name} in input form must be a string`);
      if (v.type === "select" && v.options?.length && !v.options.includes(value)) {
        throw Invalid(`${name} in input form must be one of the following: ${v.options.join(", ")}`);
      }
      if (v.type !== "select" && v.max_length && value.length > v.max_length) {
        throw Invalid(`${name} in input form must be less than ${v.max_length} characters`);
      }
      return value;
    }
    case "number": {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) throw Invalid(`${name} in input form must be a valid number`);
      return n;
    }
    case "checkbox": {
      if (typeof value === "boolean") return value;
      const word = String(value).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw Invalid(`${name} in input form must be a boolean`);
    }
    case "json_object": {
      let parsed = value;
      if (typeof value === "string") {
        try {
          parsed = JSON.parse(value);
        } catch {
          throw Invalid(`${name} in input form must be a valid JSON object`);
        }
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw Invalid(`${name} in input form must be a valid JSON object`);
      }
      const jsonSchema = schemaOf(v.json_schema);
      if (jsonSchema) {
        // Dify validates the object against the input's JSON schema (draft 7).
        const result = new Validator(jsonSchema as Schema, "7").validate(parsed);
        const detail = result.errors.at(-1)?.error ?? "";
        if (!result.valid) throw Invalid(`JSON object for '${name}' does not match schema: ${detail}`);
      }
      return parsed;
    }
    case "file":
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw Invalid(`${name} in input form must be a file`);
      checkFile(v, value as Record<string, unknown>);
      return value;
    case "file-list":
      if (!Array.isArray(value)) throw Invalid(`${name} in input form must be a list of files`);
      if (v.max_length && value.length > v.max_length) throw Invalid(`${name} in input form must be less than ${v.max_length} files`);
      for (const item of value) {
        if (typeof item !== "object" || item === null || Array.isArray(item)) throw Invalid(`${name} in input form must be a list of files`);
        checkFile(v, item as Record<string, unknown>);
      }
      return value;
    default:
      return value;
  }
}

const words = (list: unknown): string[] => stringList(list) ?? [];

/**
 * A file against the input's settings, as Dify's file factory checks it: its type must be one the
 * input allows (a custom file always passes this), a custom file's extension one of the input's
 * extensions, and its transfer method one the input allows. What the file object does not say
 * (an upload's extension, when only its id is given) is not held against it.
 */
function checkFile(v: FormVariable, file: Record<string, unknown>): void {
  const where = `${v.variable} in input form`;
  const types = words(v.allowed_file_types);
  const type = typeof file.type === "string" ? file.type : "";
  if (types.length && type !== "custom" && !types.includes(type)) {
    throw Invalid(`${where}: ${type ? `a ${type} file` : "a file of no type"} is not allowed; it takes ${types.join(", ")} files`);
  }
  const extensions = words(v.allowed_file_extensions).map(bareExtension);
  const named = [file.extension, file.filename, file.name].find((x): x is string => typeof x === "string" && x !== "");
  const extension = named === undefined ? null : named === file.extension ? bareExtension(named) : named.includes(".") ? bareExtension(named.slice(named.lastIndexOf("."))) : "";
  if (type === "custom" && extensions.length && extension !== null && !extensions.includes(extension)) {
    throw Invalid(`${where}: a .${extension || "(none)"} file is not allowed; it takes ${extensions.map((e) => `.${e}`).join(", ")}`);
  }
  const methods = words(v.allowed_file_upload_methods);
  const method = typeof file.transfer_method === "string" ? file.transfer_method : "";
  if (methods.length && method && !methods.includes(method)) {
    throw Invalid(`${where}: files sent by ${method} are not allowed; it takes ${methods.join(", ")}`);
  }
}

export const startNode: WorkflowNode<typeof schema> = {
  type: "start",
  schema,
  async run(ctx, data) {
    const engine = requireEngine(ctx);
    const given = engine.userInputs;
    const outputs: Record<string, unknown> = {};
    for (const v of data.variables) {
      const raw = given[v.variable];
      if (raw === undefined || raw === null || raw === "") {
        if (v.required) throw Invalid(`${v.variable} is required in input form`);
        outputs[v.variable] = v.default === undefined || v.default === "" ? null : coerce(v, v.default);
        continue;
      }
      outputs[v.variable] = coerce(v, raw);
    }
    withSys(outputs, engine.sys);
    return { outputs, inputs: { ...outputs } };
  },
};

/** Adds the run's system variables to a start node's outputs as `sys.*` (Dify's root nodes do). */
export function withSys(outputs: Record<string, unknown>, sys: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(sys)) outputs[`sys.${key}`] = value;
  return outputs;
}
