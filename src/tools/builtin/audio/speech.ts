// Dify's built-in `audio` tools (core/tools/builtin_tool/providers/audio): text to speech with a
// workspace speech model, stored as the run's file, and speech to text of an audio file. The
// model is Dify's "provider#model" form value; Kiln takes the workspace's speech model when none
// is set. Voices are Dify's `voice#provider#model` form values.
import type { TenantCtx } from "../../../context";
import { Invalid, KilnError } from "../../../lib/errors";
import { MAX_AUDIO_MB, synthesize, transcribe } from "../../../models/speech";
import type { ModelRef } from "../../../models/registry";
import { storeNodeFile } from "../../../apps/upload-files";
import { kilnProviderName } from "../../../apps/dsl";
import { loadWorkspaceFile } from "../../../workflow/nodes/model/files";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";

/** Dify's "provider#model" (the provider may be a plugin id) as Kiln's model reference. */
export function speechModelRef(value: string | undefined): { ref: ModelRef; dify: string } | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = text.indexOf("#");
  if (at <= 0 || at === text.length - 1) throw Invalid(`model must be "provider#model", such as "openai#tts-1" (got ${JSON.stringify(text)})`, ["model"]);
  const provider = text.slice(0, at);
  return { ref: { provider: kilnProviderName(provider), model: text.slice(at + 1) }, dify: `${provider}#${text.slice(at + 1)}` };
}

export async function textToSpeech(ctx: TenantCtx, args: ToolArgs, raw: Record<string, unknown>, options: BuiltinCallOptions): Promise<ToolResult> {
  const chosen = speechModelRef(args.optionalString("model"));
  const voice = chosen ? raw[`voice#${chosen.dify}`] : undefined;
  if (!options.owner) throw new KilnError("tool_error", 400, "Text to speech stores its audio as a file of the run, and this call has no run to store it for");
  const { audio } = await synthesize(ctx, args.string("text"), typeof voice === "string" ? voice : undefined, chosen?.ref);
  const file = await storeNodeFile(ctx, options.owner, audio, `speech-${ctx.newId().slice(0, 8)}.mp3`, "audio/mpeg");
  return { text: "Audio generated successfully", files: [file] };
}

export async function speechToText(ctx: TenantCtx, args: ToolArgs, options: BuiltinCallOptions): Promise<ToolResult> {
  const given = args.file("audio_file");
  // Dify answers this as the tool's text rather than failing the node.
  if (given.type !== "audio") return { text: "not a valid audio file" };
  const chosen = speechModelRef(args.optionalString("model"));
  const loaded = await loadWorkspaceFile(ctx, given, MAX_AUDIO_MB, options.signal);
  const file = new File([loaded.bytes], loaded.filename, { type: loaded.mimeType ?? "" });
  const { text } = await transcribe(ctx, file, chosen?.ref);
  return { text };
}
