import { Invalid } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import { decodeValue, findMatches, parseContent, setAt, toJsonText } from "./json-path";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Builds the missing objects and arrays along a simple path ($.a.b[0].c) and sets its end. */
function createPath(root: unknown, query: string, value: unknown): unknown {
  const steps = [...query.replace(/^\$\.?/, "").matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  if (!steps.length || !isObject(root)) throw Invalid(`query ${JSON.stringify(query)} matched nothing and cannot be created`, ["query"]);
  let node: Record<string | number, unknown> = root;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      node[step] = value;
      return;
    }
    const nextIsIndex = typeof steps[i + 1] === "number";
    if (node[step] === undefined || node[step] === null || typeof node[step] !== "object") node[step] = nextIsIndex ? [] : {};
    const child = node[step] as Record<string | number, unknown>;
    if (Array.isArray(child) && typeof steps[i + 1] === "number") {
      while (child.length < (steps[i + 1] as number)) child.push(null);
    }
    node = child;
  });
  return root;
}

/**
 * Dify's json_process/insert: into a matched object merge an object, into a matched array add the
 * value (at `index` or the end), a matched scalar is replaced; with `create_path`, a path that
 * matches nothing is created.
 */
export const insertJson: BuiltinHandler = (_ctx, args) => {
  let data = parseContent(args.string("content"));
  const query = args.string("query");
  const value = decodeValue(args.string("new_value"), args.boolean("value_decode"));
  const index = args.optionalNumber("index");
  const matches = findMatches(data, query);
  if (!matches.length) {
    if (!args.boolean("create_path")) throw Invalid(`query ${JSON.stringify(query)} matched nothing (set create_path to create it)`, ["query"]);
    data = createPath(data, query, value);
  }
  for (const m of matches) {
    if (isObject(m.value)) {
      if (!isObject(value)) throw Invalid("new_value must be a JSON object to insert into an object", ["new_value"]);
      Object.assign(m.value, value);
    } else if (Array.isArray(m.value)) {
      if (index === undefined) m.value.push(value);
      else m.value.splice(Math.trunc(index), 0, value);
    } else {
      data = setAt(data, m, value);
    }
  }
  const text = toJsonText(data, args.boolean("ensure_ascii"));
  return { text, json: [{ result: data }] };
};
