// The LLM node: renders Dify's prompt template (basic `{{#node.var#}}` or Jinja2) with the
// knowledge context and the conversation's memory, attaches vision files, calls the model and
// streams its text; outputs text, usage, finish_reason and, when asked, structured_output.
import type { ModelMessage, UserContent } from "ai";
import { z } from "zod";
import { Invalid } from "../../lib/errors";
import { resolveRunFiles, UPLOAD_LIMITS_MB } from "../../apps/upload-files";
import type { ModelConfig } from "../../apps/model-config";
import { isDifyFile, textOf, USER_INPUT_NAMESPACE, VariablePool } from "../variables";
import { loadFile } from "./model/files";
import { invokeModel, modelSchema, modelTrace, parseJsonObject } from "./model/invoke";
import { loadTurns, memorySchema, turnsAsMessages, turnsAsText } from "./model/memory";
import type { NodeRunContext, WorkflowNode } from "./types";
import { JinjaTemplate } from "../jinja";

const selector = z.array(z.string()).min(2);

const templatePart = {
  text: z.string().default(""),
  edition_type: z.enum(["basic", "jinja2"]).catch("basic").default("basic"),
  jinja2_text: z.string().nullish(),
};
const chatMessageSchema = z.looseObject({ role: z.enum(["system", "user", "assistant"]), ...templatePart });

const schema = z.looseObject({
  model: modelSchema,
  prompt_template: z.union([z.array(chatMessageSchema), z.looseObject(templatePart)]),
  prompt_config: z
    .looseObject({ jinja2_variables: z.array(z.looseObject({ variable: z.string().min(1), value_selector: selector })).default([]) })
    .nullish(),
  memory: memorySchema,
  context: z.looseObject({ enabled: z.boolean().default(false), variable_selector: z.array(z.string()).nullish() }).nullish(),
  vision: z
    .looseObject({
      enabled: z.boolean().default(false),
      configs: z.looseObject({ variable_selector: z.array(z.string()).nullish(), detail: z.string().nullish() }).nullish(),
    })
    .nullish(),
  // Dify's switch; graphon reads the older name `structured_output_enabled` as the same.
  structured_output_switch_on: z.boolean().nullish(),
  structured_output_enabled: z.boolean().nullish(),
  structured_output: z.looseObject({ enabled: z.boolean().nullish(), schema: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  reasoning_format: z.enum(["tagged", "separated"]).catch("tagged").default("tagged"),
});
type LlmData = z.infer<typeof schema>;

/** The text form of the context variable: retrieval results by their content, the rest as text. */
function contextText(value: unknown): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => (item && typeof item === "object" && "content" in item ? textOf((item as { content: unknown }).content) : textOf(item)))
      .filter(Boolean)
      .join("\n");
  }
  return textOf(value);
}

function renderPart(ctx: NodeRunContext, data: LlmData, part: z.infer<typeof chatMessageSchema> | { text: string; edition_type: string; jinja2_text?: string | null }, special: Record<string, string>): string {
  if (part.edition_type === "jinja2") {
    const variables: Record<string, unknown> = {};
    for (const v of data.prompt_config?.jinja2_variables ?? []) variables[v.variable] = ctx.pool.get(v.value_selector) ?? null;
    try {
      return new JinjaTemplate(part.jinja2_text ?? part.text).render(variables);
    } catch (err) {
      throw Invalid(`Invalid Jinja2 prompt: ${err instanceof Error ? err.message : String(err)}`, ["prompt_template"]);
    }
  }
  // Variables first: retrieved context and past messages are data, never templates.
  return renderPrompt(ctx.pool, part.text).replace(/\{\{#(context|histories)#\}\}/g, (_, name: string) => special[name] ?? "");
}

/** The run's own files, whatever they hold (an empty list included). */
const RUN_FILES = new Set(["sys.files", `${USER_INPUT_NAMESPACE}.files`]);

/**
 * A prompt text with its variables filled in, files rendering as nothing: Dify sends file
 * variables to a vision model as files, never as text (so the default memory query
 * `{{#sys.query#}}\n\n{{#sys.files#}}` is the query alone).
 */
function renderPrompt(pool: VariablePool, template: string): string {
  return pool.fill(template, (value, path) => {
    const files = RUN_FILES.has(path) || isDifyFile(value) || (Array.isArray(value) && value.length > 0 && value.every(isDifyFile));
    return files ? "" : textOf(value);
  });
}

/** The structured output schema, when the node asks for one. */
function outputSchemaOf(data: LlmData): Record<string, unknown> | null {
  const enabled = data.structured_output_switch_on ?? data.structured_output_enabled ?? data.structured_output?.enabled ?? false;
  return enabled && data.structured_output?.schema ? data.structured_output.schema : null;
}

/** Loads the vision files as image parts (uploads of this workspace or guarded remote URLs). */
async function visionImages(ctx: NodeRunContext, data: LlmData) {
  if (!data.vision?.enabled) return [];
  const value = ctx.pool.get(data.vision.configs?.variable_selector?.length ? data.vision.configs.variable_selector : ["sys", "files"]);
  const list = (Array.isArray(value) ? value : value ? [value] : []) as Record<string, unknown>[];
  const refs = list
    .filter((f) => f && typeof f === "object" && (f.type ?? "image") === "image")
    .map((f) => ({
      type: "image",
      transfer_method: String(f.transfer_method ?? (f.upload_file_id || f.related_id ? "local_file" : "remote_url")),
      upload_file_id: (f.upload_file_id ?? f.related_id ?? null) as string | null,
      url: (f.remote_url ?? f.url ?? null) as string | null,
    }));
  if (!refs.length) return [];
  // The chat apps' resolver does the workspace check and the SSRF-guarded download.
  const config = { file_upload: { enabled: true, number_limits: refs.length } } as unknown as ModelConfig;
  return (await resolveRunFiles(ctx.tctx, config, refs)).images;
}

const PROMPT_FILE_TYPES = new Set(["image", "video", "audio", "document"]);
/** What a model takes as a file part besides images (the ai SDK's OpenAI-compatible provider: PDF and MP3/WAV audio). */
const FILE_PART_TYPES = new Set(["application/pdf", "audio/mpeg", "audio/mp3", "audio/wav", "audio/x-wav"]);

/**
 * The files a prompt message's text references (a file variable or a list of them) as message
 * parts: images, PDFs and audio the provider can take. Other documents and video are left out
 * (the provider would refuse them; the document extractor reads documents as text).
 */
async function promptFileParts(ctx: NodeRunContext, text: string): Promise<Exclude<UserContent, string>> {
  const parts: Exclude<UserContent, string> = [];
  for (const selector of VariablePool.selectorsIn(text)) {
    const value = ctx.pool.get(selector);
    for (const file of Array.isArray(value) ? value : [value]) {
      if (!isDifyFile(file) || !PROMPT_FILE_TYPES.has(String((file as { type?: unknown }).type))) continue;
      const loaded = await loadFile(ctx, file, UPLOAD_LIMITS_MB.document);
      const mediaType = (loaded.mimeType ?? "").toLowerCase();
      if (mediaType.startsWith("image/")) parts.push({ type: "image", image: loaded.bytes, mediaType });
      else if (FILE_PART_TYPES.has(mediaType)) parts.push({ type: "file", data: loaded.bytes, mediaType, filename: loaded.filename });
    }
  }
  return parts;
}

async function buildMessages(ctx: NodeRunContext, data: LlmData): Promise<ModelMessage[]> {
  const context = data.context?.enabled && data.context.variable_selector?.length ? contextText(ctx.pool.get(data.context.variable_selector)) : "";
  const turns = await loadTurns(ctx, data.memory);
  const special = { context, histories: turnsAsText(turns, data.memory) };
  let messages: ModelMessage[];
  if (Array.isArray(data.prompt_template)) {
    if (data.model.mode === "completion") throw Invalid("prompt_template: a completion model takes {text}, not a message list", ["prompt_template"]);
    messages = [];
    for (const part of data.prompt_template) {
      const content = renderPart(ctx, data, part, special);
      if (content !== "") messages.push({ role: part.role, content } as ModelMessage);
      // Files the message's text references go to the model as files, after its text, as Dify's
      // handle_list_messages sends them (whatever the vision setting).
      const parts = part.edition_type === "jinja2" ? [] : await promptFileParts(ctx, part.text);
      if (parts.length) messages.push({ role: "user", content: parts });
    }
    if (turns.length) {
      // Dify puts the history after the prompt's messages and before the current query.
      messages.push(...turnsAsMessages(turns));
    }
    if (data.memory) {
      // Dify: a node with memory ends with the user's query, its query template or else sys.query
      // (even with the history window off).
      const query = renderPrompt(ctx.pool, data.memory.query_prompt_template || "{{#sys.query#}}");
      if (query.trim()) messages.push({ role: "user", content: query });
    }
  } else {
    messages = [{ role: "user", content: renderPart(ctx, data, data.prompt_template, special) }];
  }
  // A prompt of system messages only is sent as it is, as Dify does (the model answers it).
  if (messages.length === 0) throw Invalid("prompt_template: the prompt is empty after rendering", ["prompt_template"]);
  const images = await visionImages(ctx, data);
  if (images.length) {
    const imageParts = images.map((img) => ({ type: "image" as const, image: img.data, mediaType: img.mediaType }));
    const last = messages.map((m) => m.role).lastIndexOf("user");
    if (last < 0) messages.push({ role: "user", content: imageParts });
    else {
      const content = messages[last].content;
      const before = typeof content === "string" ? [{ type: "text" as const, text: content }] : (content as Exclude<UserContent, string>);
      messages[last] = { role: "user", content: [...before, ...imageParts] };
    }
  }
  return messages;
}

/** Dify's `separated` reasoning format: <think>…</think> moves out of the text. */
function splitReasoning(text: string, format: LlmData["reasoning_format"]): { text: string; reasoning: string } {
  if (format !== "separated") return { text, reasoning: "" };
  const blocks = [...text.matchAll(/<think>([\s\S]*?)<\/think>/g)].map((m) => m[1].trim());
  return { text: text.replace(/<think>[\s\S]*?<\/think>\s*/g, ""), reasoning: blocks.join("\n") };
}

function promptForTrace(messages: ModelMessage[]) {
  return messages.map((m) => ({
    role: m.role,
    text: typeof m.content === "string" ? m.content : m.content.map((p) => (p.type === "text" ? p.text : `[${p.type}]`)).join(""),
  }));
}

export const llmNode: WorkflowNode<typeof schema> = {
  type: "llm",
  retries: true,
  schema,
  selectors(data) {
    const parts = Array.isArray(data.prompt_template) ? data.prompt_template : [data.prompt_template];
    const fromText = parts.flatMap((p) => (p.edition_type === "jinja2" ? [] : VariablePool.selectorsIn(p.text)));
    const jinja = data.prompt_config?.jinja2_variables.map((v) => v.value_selector) ?? [];
    const context = data.context?.enabled && data.context.variable_selector?.length ? [data.context.variable_selector] : [];
    return [...fromText, ...jinja, ...context];
  },
  async run(ctx, data) {
    const messages = await buildMessages(ctx, data);
    const outputSchema = outputSchemaOf(data);
    const model = modelTrace(data.model);
    const prompts = promptForTrace(messages);
    ctx.trace?.({ processData: { ...model, prompts } });
    const answer = await invokeModel(ctx, data.model, messages, { stream: !outputSchema, jsonSchema: outputSchema ?? undefined });
    const { text, reasoning } = splitReasoning(answer.text, data.reasoning_format);
    const outputs: Record<string, unknown> = {
      text,
      reasoning_content: reasoning,
      usage: answer.usage,
      finish_reason: answer.finishReason,
    };
    if (outputSchema) {
      const structured = parseJsonObject(text, { repair: true });
      if (!structured) throw Invalid("The model's answer is not the JSON object the structured output asks for", ["structured_output"]);
      outputs.structured_output = structured;
    }
    return {
      outputs,
      processData: {
        ...model,
        prompts,
        usage: answer.usage,
        finish_reason: answer.finishReason,
      },
      usage: answer.nodeUsage,
      metadata: { total_tokens: answer.nodeUsage.totalTokens, total_price: answer.usage.total_price, currency: "USD" },
    };
  },
};
