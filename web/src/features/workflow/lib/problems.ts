// Problems with a graph, from the server (publish's error body) or from the editor's own checks,
// in one shape so both show up the same way.
import type { Problem } from "../api/types";

function asProblem(item: unknown): Problem | null {
  if (typeof item === "string") return { node_id: null, field: null, message: item };
  if (!item || typeof item !== "object") return null;
  const r = item as Record<string, unknown>;
  const message = typeof r.message === "string" ? r.message : typeof r.msg === "string" ? r.msg : null;
  if (!message) return null;
  const nodeId = typeof r.node_id === "string" ? r.node_id : typeof r.nodeId === "string" ? r.nodeId : null;
  const field = typeof r.field === "string" ? r.field : Array.isArray(r.loc) ? r.loc.join(".") : null;
  return { node_id: nodeId, field, message };
}

function listOf(value: unknown): Problem[] {
  if (Array.isArray(value)) return value.map(asProblem).filter((p): p is Problem => p !== null);
  return [];
}

/**
 * Kiln's publish check answers `params: ["<node>.<field>", …]` and spells each problem out in the
 * message: "…: <node|graph> <field>: <text>; <node> <field>: <text>". Read the message back into
 * problems when it lines up with the params.
 */
function fromMessage(message: unknown, params: string[]): Problem[] {
  if (typeof message !== "string") return [];
  const at = message.indexOf(": ");
  if (at < 0) return [];
  const parsed = message
    .slice(at + 2)
    // A problem's own text may hold "; ", so split only where the next "<node> <field>: " starts.
    .split(/; (?=\S+ \S+: )/)
    .map((part) => /^(\S+) (\S+): (.+)$/s.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ node_id: m[1] === "graph" ? null : m[1]!, field: m[2]!, message: m[3]! }));
  return parsed.length === params.length ? parsed : [];
}

/**
 * The problems in a publish error body, wherever the server put them: a `problems` array, a
 * `params` array of problems, `params.problems`, `params` as `{ field: message }`, or `params` as
 * "node.field" strings explained by the message.
 */
export function problemsOf(body: unknown): Problem[] {
  if (!body || typeof body !== "object") return [];
  const r = body as Record<string, unknown>;
  const direct = listOf(r.problems);
  if (direct.length) return direct;
  const params = r.params;
  if (Array.isArray(params) && params.length > 0 && params.every((p) => typeof p === "string")) {
    const explained = fromMessage(r.message, params as string[]);
    if (explained.length) return explained;
    // Unexplained "node.field" names still point at the nodes.
    return (params as string[]).map((p) => {
      const dot = p.indexOf(".");
      return dot > 0 ? { node_id: p.slice(0, dot), field: p.slice(dot + 1), message: `${p.slice(dot + 1)} is invalid.` } : { node_id: null, field: p, message: `${p} is invalid.` };
    });
  }
  const fromParams = listOf(params);
  if (fromParams.length) return fromParams;
  if (params && typeof params === "object") {
    const nested = listOf((params as Record<string, unknown>).problems);
    if (nested.length) return nested;
    return Object.entries(params as Record<string, unknown>)
      .filter(([, v]) => typeof v === "string")
      .map(([field, v]) => ({ node_id: null, field, message: v as string }));
  }
  return [];
}

/** Problems grouped by the node they concern; graph-wide ones under "". */
export function problemsByNode(problems: Problem[]): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = p.node_id ?? "";
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}
