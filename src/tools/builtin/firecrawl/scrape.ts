// Dify's firecrawl `scrape`: the page through Firecrawl, its Markdown as the text and the whole
// answer as the JSON, with the plugin's reading of the form's comma lists and JSON fields.
import type { BuiltinHandler } from "../define";
import { type FirecrawlCredentials, firecrawl } from "./client";

const list = (value: string | undefined) =>
  value
    ? value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

/** The plugin's JSON fields take single quotes too. */
function jsonParam(name: string, value: string | undefined): unknown {
  if (!value?.trim()) return undefined;
  try {
    return JSON.parse(value.replaceAll("'", '"'));
  } catch {
    throw new Error(`Invalid ${name} format.`);
  }
}

export const firecrawlScrape: BuiltinHandler = async (ctx, args, { signal, credentials }) => {
  const url = args.string("url").trim();
  const formats: unknown[] = (list(args.optionalString("formats")) ?? []).filter((f) => f !== "extract");
  const schema = jsonParam("schema", args.optionalString("schema"));
  const prompt = args.optionalString("prompt");
  const systemPrompt = args.optionalString("systemPrompt");
  if (schema !== undefined || prompt) {
    formats.push({
      type: "json",
      ...(schema !== undefined ? { schema } : {}),
      ...(prompt ? { prompt: systemPrompt ? `${systemPrompt}\n\n${prompt}` : prompt } : {}),
    });
  }
  const body: Record<string, unknown> = {
    url,
    onlyMainContent: args.boolean("onlyMainContent"),
    waitFor: args.optionalNumber("waitFor") ?? 0,
    timeout: args.optionalNumber("timeout") ?? 30_000,
  };
  if (formats.length) body.formats = formats;
  const includeTags = list(args.optionalString("includeTags"));
  if (includeTags?.length) body.includeTags = includeTags;
  const excludeTags = list(args.optionalString("excludeTags"));
  if (excludeTags?.length) body.excludeTags = excludeTags;
  const headers = jsonParam("headers", args.optionalString("headers"));
  if (headers !== undefined) body.headers = headers;

  const answer = await firecrawl(ctx, credentials as FirecrawlCredentials, "scrape", body, signal);
  const markdown = (answer.data as { markdown?: unknown } | undefined)?.markdown;
  return { text: typeof markdown === "string" ? markdown : "", json: [answer] };
};
