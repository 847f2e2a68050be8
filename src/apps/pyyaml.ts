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
const PY_TAGS = new Set([pyBool.tag, pyFloat.tag]);
/** YAML 1.1 and repeated keys allowed: what PyYAML's safe_load (Dify's reader) accepts. */
export const PYYAML_OPTIONS = {
  version: "1.1",
  uniqueKeys: false,
  customTags: (tags: YAML.Tags) => [...tags.filter((t) => typeof t === "string" || !PY_TAGS.has(t.tag)), pyBool, pyFloat],
} as const;
