// The agent loop of an agent-chat app, like Dify's function-call and ReAct runners: the model
// answers or asks for tools; Kiln calls them and hands the observations back, until the model
// answers or the iteration limit is reached (the last call offers no tools, so it must answer).
// Each step is one agent thought, streamed as `agent_thought` (created, then updated with the
// tool call, then with the observation) with the model's text as `agent_message` deltas.
import type { LanguageModelV4, LanguageModelV4Message, LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import type { TenantCtx } from "../../context";
import { KilnError } from "../../lib/errors";
import { knownProvider } from "../../models/catalogue";
import type { ChatOptions } from "../../models/invoke";
import { streamWithTools } from "../../models/tool-calls";
import { callTool, truncateToolText } from "../../tools/registry";
import type { ToolFileOwner, ToolResult } from "../../tools/types";
import type { AgentMode } from "../model-config";
import { type AgentTool, modelTools, type ToolLabels, toolArguments, toolLabels } from "./agent-tools";
import { parseReactStep, REACT_STOP, reactScratchpad, reactSystemPrompt, type ScratchpadEntry } from "./react";

export type AgentStrategy = "function_call" | "react";

/** One step as Dify stores it in `messages.agent_thoughts` and lists it in `agent_thoughts`. */
export interface AgentThought {
  id: string;
  chain_id: null;
  message_id: string;
  position: number;
  thought: string;
  tool: string;
  tool_labels: ToolLabels;
  /** JSON of `{tool name: arguments}`; "" when the step called no tool. */
  tool_input: string;
  created_at: number;
  /** JSON of `{tool name: observation}`; "" until the tools answered. */
  observation: string;
  files: string[];
}

/** An `agent_thought` event's own fields (the transport adds the ids and `created_at`). */
export function thoughtEventFields(t: AgentThought) {
  return {
    id: t.id,
    position: t.position,
    thought: t.thought,
    observation: t.observation,
    tool: t.tool,
    tool_labels: t.tool_labels,
    tool_input: t.tool_input,
    message_files: t.files,
  };
}

export type AgentEvent = { event: "agent_message"; answer: string } | { event: "agent_thought"; thought: AgentThought };

/** What the run has produced so far; read when the message is logged, also after a failure. */
export interface AgentState {
  answer: string;
  usage: { input: number; output: number };
  firstTokenAt: number | null;
  thoughts: AgentThought[];
  /** Files the tools stored (text to speech): the agent node's `files` output, as in Dify. */
  files: NonNullable<ToolResult["files"]>;
}

export const newAgentState = (): AgentState => ({ answer: "", usage: { input: 0, output: 0 }, firstTokenAt: null, thoughts: [], files: [] });

export interface AgentRun {
  model: LanguageModelV4;
  strategy: AgentStrategy;
  maxIteration: number;
  tools: AgentTool[];
  /** The assembled prompt: system (instructions and knowledge), history, then the query. */
  messages: ModelMessage[];
  images: { data: Uint8Array; mediaType: string }[];
  /** Model parameters; the abort signal is per call (see `callSignal`). */
  options: Omit<ChatOptions, "abortSignal">;
  messageId: string;
  /** Whose files the tools store (text to speech): the app and the user who asked. */
  fileOwner?: ToolFileOwner;
  /** Aborted when the user stops the run or the client goes away. */
  signal: AbortSignal;
  callSignal: () => AbortSignal;
  /** Called often while text streams; aborts `signal` when a stop was requested elsewhere. */
  checkStop: () => Promise<void>;
}

/** Dify runs agent apps in streaming mode only (core/app/apps/agent_chat/app_generator.py). */
export function assertAgentStreaming(appMode: string, streaming: boolean) {
  if (appMode === "agent-chat" && !streaming) throw new KilnError("invalid_param", 400, "Agent Chat App does not support blocking mode");
}

/** Dify's default when a config names no strategy: function calling where the provider has it.
 * A vendor's hosted API has it; a server of the user's own (Ollama, Dify's OpenAI-API-compatible)
 * is taken not to, as Dify's forms default to. */
export function agentStrategy(agentMode: AgentMode | null | undefined, provider: string): AgentStrategy {
  if (agentMode?.strategy) return agentMode.strategy;
  if (provider === "openai" || provider === "system" || provider.startsWith("compat_")) return "function_call";
  const known = knownProvider(provider);
  return known?.baseUrl ? "function_call" : "react";
}

const sec = (ms: number) => Math.floor(ms / 1000);

function toPrompt(messages: ModelMessage[], images: AgentRun["images"]): LanguageModelV4Prompt {
  const text = (m: ModelMessage) =>
    typeof m.content === "string" ? m.content : m.content.map((p) => ("text" in p && typeof p.text === "string" ? p.text : "")).join("");
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  return messages.flatMap((m, i): LanguageModelV4Message[] => {
    if (m.role === "system") return [{ role: "system", content: text(m) }];
    if (m.role === "assistant") return [{ role: "assistant", content: [{ type: "text", text: text(m) }] }];
    if (m.role !== "user") return [];
    const files = i === lastUser ? images.map((img) => ({ type: "file" as const, data: { type: "data" as const, data: img.data }, mediaType: img.mediaType })) : [];
    return [{ role: "user", content: [{ type: "text", text: text(m) }, ...files] }];
  });
}

/** Calls each tool the model asked for; failures become the observation, the run goes on. Files
 * the tool stored join the thought's files (Dify's message_files). */
async function observe(run: AgentRun, state: AgentState, thought: AgentThought, tool: AgentTool | undefined, name: string, input: unknown): Promise<string> {
  if (!tool) return `Error: there is no tool named ${name}`;
  try {
    const result = await callTool(tool.resolved, toolArguments(tool, input), { signal: run.signal, owner: run.fileOwner });
    for (const file of result.files ?? []) {
      if (!file.id) continue;
      thought.files.push(file.id);
      state.files.push(file);
    }
    // A tool that answers JSON only (Firecrawl's map and search) is read as its JSON, as Dify's agent reads JSON messages.
    const text = result.text || (result.json?.length ? truncateToolText(result.json.map((j) => JSON.stringify(j)).join("\n")) : "");
    return result.isError ? `Error: ${text}` : text;
  } catch (err) {
    if (run.signal.aborted) throw err;
    return `Error: ${err instanceof KilnError ? err.message : String(err)}`;
  }
}

export function runAgent(ctx: TenantCtx, run: AgentRun, state: AgentState): AsyncGenerator<AgentEvent> {
  return run.strategy === "function_call" ? functionCalling(ctx, run, state) : react(ctx, run, state);
}

function newThought(ctx: TenantCtx, run: AgentRun, state: AgentState): AgentThought {
  const thought: AgentThought = {
    id: ctx.newId(),
    chain_id: null,
    message_id: run.messageId,
    position: state.thoughts.length + 1,
    thought: "",
    tool: "",
    tool_labels: {},
    tool_input: "",
    created_at: sec(ctx.now()),
    observation: "",
    files: [],
  };
  state.thoughts.push(thought);
  return thought;
}

const snapshot = (t: AgentThought): AgentEvent => ({ event: "agent_thought", thought: { ...t } });

function addUsage(state: AgentState, part: { inputTokens?: number; outputTokens?: number }) {
  state.usage.input += part.inputTokens ?? 0;
  state.usage.output += part.outputTokens ?? 0;
}

async function* functionCalling(ctx: TenantCtx, run: AgentRun, state: AgentState): AsyncGenerator<AgentEvent> {
  const prompt = toPrompt(run.messages, run.images);
  const offered = modelTools(run.tools);
  for (let step = 1; step <= run.maxIteration + 1; step++) {
    const thought = newThought(ctx, run, state);
    // Dify's web client appends agent_message text to the latest thought: announce it first.
    yield snapshot(thought);
    const calls: { toolCallId: string; toolName: string; input: string }[] = [];
    const tools = step > run.maxIteration ? [] : offered;
    for await (const part of streamWithTools(run.model, prompt, tools, { ...run.options, abortSignal: run.callSignal() })) {
      if (part.type === "text") {
        state.firstTokenAt ??= ctx.now();
        state.answer += part.text;
        thought.thought += part.text;
        yield { event: "agent_message", answer: part.text };
        await run.checkStop();
      } else if (part.type === "tool-call") calls.push(part);
      else addUsage(state, part);
    }
    if (calls.length === 0) {
      yield snapshot(thought);
      return;
    }
    const inputs = calls.map((c) => ({ ...c, args: parseArgs(c.input) }));
    thought.tool = calls.map((c) => c.toolName).join(";");
    thought.tool_labels = toolLabels(run.tools, calls.map((c) => c.toolName));
    thought.tool_input = JSON.stringify(Object.fromEntries(inputs.map((c) => [c.toolName, c.args.value])));
    yield snapshot(thought);
    prompt.push({
      role: "assistant",
      content: [
        ...(thought.thought ? [{ type: "text" as const, text: thought.thought }] : []),
        ...inputs.map((c) => ({ type: "tool-call" as const, toolCallId: c.toolCallId, toolName: c.toolName, input: c.args.value })),
      ],
    });
    const observations: Record<string, string> = {};
    for (const c of inputs) {
      await run.checkStop();
      const tool = run.tools.find((t) => t.name === c.toolName);
      const text = c.args.error ? `Error: the arguments are not valid JSON: ${c.args.error}` : await observe(run, state, thought, tool, c.toolName, c.args.value);
      observations[c.toolName] = text;
      prompt.push({ role: "tool", content: [{ type: "tool-result", toolCallId: c.toolCallId, toolName: c.toolName, output: { type: "text", value: text } }] });
    }
    thought.observation = JSON.stringify(observations);
    yield snapshot(thought);
  }
}

function parseArgs(input: string): { value: unknown; error?: string } {
  if (!input.trim()) return { value: {} };
  try {
    return { value: JSON.parse(input) };
  } catch (err) {
    return { value: input, error: (err as Error).message };
  }
}

async function* react(ctx: TenantCtx, run: AgentRun, state: AgentState): AsyncGenerator<AgentEvent> {
  const base = toPrompt(run.messages, run.images);
  const instruction = base[0]?.role === "system" ? base.shift()!.content : "";
  const stopSequences = [REACT_STOP, ...(run.options.stopSequences ?? [])].slice(0, 4);
  const scratchpad: ScratchpadEntry[] = [];
  for (let step = 1; step <= run.maxIteration + 1; step++) {
    const last = step > run.maxIteration;
    const specs = last ? [] : run.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema }));
    const prompt: LanguageModelV4Prompt = [{ role: "system", content: reactSystemPrompt(instruction as string, specs) }, ...base];
    if (scratchpad.length) {
      prompt.push({ role: "assistant", content: [{ type: "text", text: reactScratchpad(scratchpad) }] });
      prompt.push({ role: "user", content: [{ type: "text", text: "continue" }] });
    }
    const thought = newThought(ctx, run, state);
    yield snapshot(thought);
    // The whole step is read before anything is shown: only then is it known to be a tool call.
    let output = "";
    for await (const part of streamWithTools(run.model, prompt, [], { ...run.options, stopSequences, abortSignal: run.callSignal() })) {
      if (part.type === "text") {
        output += part.text;
        await run.checkStop();
      } else if (part.type === "finish") addUsage(state, part);
    }
    const parsed = parseReactStep(output);
    const acting = parsed.action !== null && !last;
    const said = acting ? parsed.thought : (parsed.finalAnswer ?? parsed.thought);
    if (said) {
      // A thought before a tool call is its own paragraph of the answer, as the stream shows it.
      const delta = acting ? `${said}\n\n` : said;
      state.firstTokenAt ??= ctx.now();
      state.answer += delta;
      thought.thought = said;
      yield { event: "agent_message", answer: delta };
    }
    if (!acting || !parsed.action) {
      yield snapshot(thought);
      return;
    }
    const { name, input } = parsed.action;
    const tool = run.tools.find((t) => t.name === name);
    thought.tool = name;
    thought.tool_labels = toolLabels(run.tools, [name]);
    thought.tool_input = JSON.stringify({ [name]: input });
    yield snapshot(thought);
    await run.checkStop();
    const observation = await observe(run, state, thought, tool, name, input);
    thought.observation = JSON.stringify({ [name]: observation });
    yield snapshot(thought);
    scratchpad.push({ thought: parsed.thought, action: { name, input }, observation });
  }
}
