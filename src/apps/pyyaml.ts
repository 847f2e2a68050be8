// How Dify's YAML reader (PyYAML's safe_load) reads scalars, for the `yaml` package: YAML 1.1
// with PyYAML's narrower booleans and floats, and repeated keys allowed.
import type YAML from "yaml";

// PyYAML's booleans: YAML 1.1 also reads y/n as booleans, but PyYAML does not, and graph node
// positions (`{x: 1, y: 2}`) depend on it.
const PY_TRUE = /^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/;
const PY_FALSE = /^(?:false|False|FALSE|no|No|NO|off|Off|OFF)$/;
const pyBool = {
  tag: "tag:yaml.org,2002:bool",
  default: true,
  test: new RegExp(`${PY_TRUE.source}|${PY_FALSE.source}`),
  resolve: (s: string) => PY_TRUE.test(s),
};
// PyYAML's floats need a dot (`1.5`, `1.0e+3`) or are .inf/.nan: `e1` or `1e3` stay strings,
// which matters for ids.
const PY_FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const pyFloat = {
  tag: "tag:yaml.org,2002:float",
  default: true,
  test: PY_FLOAT,
  resolve: (s: string) => {
    if (/nan$/i.test(s)) return Number.NaN;
    if (/inf$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    return Number.parseFloat(s.replaceAll("_", ""));
  },
};
// PyYAML's decimal and base-60 integers do not start with 0 (only 0 itself and octals do):
// `000568`, `09` or `08:00` stay strings, as exported stock codes and times in select options
// need. The `yaml` package's YAML 1.1 reads them as numbers (568, 9, 480).
const INT_TAG = "tag:yaml.org,2002:int";
const pyInt = {
  tag: INT_TAG,
  default: true,
  identify: (v: unknown) => Number.isInteger(v),
  test: /^[-+]?(?:0|[1-9][0-9_]*)$/,
  resolve: (s: string) => Number.parseInt(s.replaceAll("_", ""), 10),
};
const pySexagesimal = {
  tag: INT_TAG,
  default: true,
  format: "TIME",
  test: /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
  resolve: (s: string) => {
    const sign = s.startsWith("-") ? -1 : 1;
    const parts = s.replace(/^[-+]/, "").replaceAll("_", "").split(":");
    return sign * parts.reduce((n, p) => n * 60 + Number.parseInt(p, 10), 0);
  },
};
const PY_TAGS = new Set([pyBool.tag, pyFloat.tag]);
/** The `yaml` package's decimal and base-60 integer tags (its binary, octal and hex ones are PyYAML's). */
const replacedInt = (t: { tag: string; format?: string }) => t.tag === INT_TAG && (t.format === undefined || t.format === "TIME");
/** YAML 1.1 and repeated keys allowed: what PyYAML's safe_load (Dify's reader) accepts. */
export const PYYAML_OPTIONS = {
  version: "1.1",
  uniqueKeys: false,
  customTags: (tags: YAML.Tags) => [
    ...tags.filter((t) => typeof t === "string" || (!PY_TAGS.has(t.tag) && !replacedInt(t))),
    pyBool,
    pyFloat,
    pyInt,
    pySexagesimal,
  ],
} as const;
