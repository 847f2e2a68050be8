// The json_repair package (PyPI), which Dify code nodes use to read a model's almost-JSON answer:
// repair_json() answers the repaired JSON text (or the object, with return_objects=True), loads()
// the object. As there, valid JSON is read as it is, text before the first object or list (a
// sentence, a ``` fence) is skipped, and text with nothing to repair answers "". The mending
// itself (missing commas and quotes, trailing commas, single quotes, comments, an unclosed end) is
// the jsonrepair library's.
import { jsonrepair } from "jsonrepair";
import { arg } from "../args";
import { truthy } from "../ops";
import { E, type Kwargs, type Py, pyError, typeName } from "../values";
import { dumpJson, dumpOptions, parseJson } from "./json";
import { makeModule } from "./module";

/** The value the text holds, mended, or "" when it holds none. */
function repaired(text: string, skipJsonLoads: boolean): Py {
  if (!skipJsonLoads) {
    try {
      return parseJson(text);
    } catch {
      // mended below
    }
  }
  const start = text.search(/[[{]/);
  if (start < 0) return "";
  try {
    return parseJson(jsonrepair(firstValue(text.slice(start))));
  } catch {
    return "";
  }
}

/**
 * The first object or list of the text, up to the bracket that closes it (what follows, a fence or
 * a sign-off, is not part of it); all of the text when it never closes (a cut-off answer).
 */
function firstValue(text: string): string {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") depth++;
    else if ((c === "}" || c === "]") && --depth === 0) return text.slice(0, i + 1);
  }
  return text;
}

function textArg(fname: string, args: Py[], kwargs: Kwargs): string {
  const s = arg(fname, args, kwargs, 0, "json_str", "");
  if (typeof s !== "string") throw pyError(E.TypeError, `${fname}() expects a str, not ${typeName(s)}`);
  return s;
}

export function jsonRepairModule() {
  return makeModule("json_repair", {
    repair_json: (args, kwargs) => {
      const text = textArg("repair_json", args, kwargs);
      const value = repaired(text, truthy(arg("repair_json", args, kwargs, 2, "skip_json_loads", false)));
      if (truthy(arg("repair_json", args, kwargs, 1, "return_objects", false))) return value;
      // Nothing to repair is "", not the JSON text of an empty string.
      if (value === "" && !/^\s*""\s*$/.test(text)) return "";
      return dumpJson(value, dumpOptions([], kwargs, 1));
    },
    loads: (args, kwargs) => repaired(textArg("loads", args, kwargs), truthy(arg("loads", args, kwargs, 1, "skip_json_loads", false))),
  });
}
