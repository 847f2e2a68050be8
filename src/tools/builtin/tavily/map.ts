// Dify's tavily_map: a website's URLs from a root URL through Tavily's /map, the whole answer as
// JSON and the plugin's Markdown list as the text. As in the plugin, a failure (a bad setting, or
// Tavily's refusal) is answered as the tool's text rather than failing the node.
import { KilnError } from "../../../lib/errors";
import type { BuiltinHandler } from "../define";
import type { ToolArgs } from "../arguments";
import { tavily } from "./client";

const list = (value: string | undefined) =>
  value
    ?.split(",")
    .map((v) => v.trim())
    .filter(Boolean) ?? [];

function bounded(args: ToolArgs, name: string, min: number, max: number, integer: boolean, unit = ""): number | undefined {
  const value = args.optionalNumber(name);
  if (value === undefined) return undefined;
  if (value < min || value > max) {
    throw new Error(max === Number.POSITIVE_INFINITY ? `${name} must be at least ${min}` : `${name} must be between ${min} and ${max}${unit}`);
  }
  return integer ? Math.trunc(value) : value;
}

/** The plugin's reading of the form into Tavily's /map body. */
function mapBody(args: ToolArgs, url: string): Record<string, unknown> {
  const body: Record<string, unknown> = { url };
  const instructions = args.optionalString("instructions");
  if (instructions) body.instructions = instructions;
  const numbers: [string, number, number, boolean, string?][] = [
    ["max_depth", 1, 5, true],
    ["max_breadth", 1, 500, true],
    ["limit", 1, Number.POSITIVE_INFINITY, true],
    ["timeout", 10, 150, false, " seconds"],
  ];
  for (const [name, min, max, integer, unit] of numbers) {
    const value = bounded(args, name, min, max, integer, unit);
    if (value !== undefined) body[name] = value;
  }
  for (const name of ["select_paths", "select_domains", "exclude_paths", "exclude_domains"]) {
    const values = list(args.optionalString(name));
    if (values.length) body[name] = values;
  }
  body.allow_external = args.boolean("allow_external");
  body.include_usage = args.boolean("include_usage");
  return body;
}

/** The plugin's text for a map answer. */
export function mapDigest(answer: Record<string, unknown>, url: string): string {
  const results = (answer.results ?? []) as string[];
  const lines = [`# Website Map for: ${typeof answer.base_url === "string" ? answer.base_url : url}\n`, `**Total URLs discovered:** ${results.length}\n`];
  if (typeof answer.response_time === "number" && answer.response_time) lines.push(`**Response time:** ${answer.response_time.toFixed(2)} seconds\n`);
  if (answer.usage) lines.push(`**API Credits used:** ${typeof answer.usage === "string" ? answer.usage : JSON.stringify(answer.usage)}\n`);
  lines.push("\n## Discovered URLs:\n");
  for (const [i, u] of results.entries()) lines.push(`${i + 1}. ${u}\n`);
  return lines.join("\n");
}

export const tavilyMap: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const url = (args.optionalString("url") ?? "").trim();
  if (!url) return { text: "Please input a URL to map." };
  let answer: Record<string, unknown>;
  try {
    answer = await tavily(ctx, credentials.tavily_api_key ?? "", "map", mapBody(args, url), signal, args.optionalString("project_id"));
  } catch (err) {
    if (signal.aborted) throw err;
    return { text: `Error occurred while mapping website: ${err instanceof KilnError || err instanceof Error ? err.message : String(err)}` };
  }
  const results = (answer.results ?? []) as unknown[];
  if (!results.length) return { text: `No URLs could be discovered from '${url}'.` };
  return { text: mapDigest(answer, url), json: [answer] };
};
