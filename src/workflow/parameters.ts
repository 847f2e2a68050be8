// Dify's `GET /parameters` for workflow and chatflow apps: the features of the published
// workflow and the input form of its start node. Missing features read as disabled.
import { appParameters } from "../apps/app-profile";
import { defaultModelConfig } from "../apps/model-config";
import type { TenantCtx } from "../context";
import { cachedPublished } from "./store";

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);

function moderationOf(v: unknown): { enabled: boolean; type: string; configs: unknown } {
  if (!isMapping(v)) return { enabled: false, type: "", configs: [] };
  return { ...v, enabled: v.enabled === true, type: typeof v.type === "string" ? v.type : "", configs: v.configs ?? [] };
}

export async function workflowParameters(ctx: TenantCtx, appId: string) {
  const { graph, features } = (await cachedPublished(ctx, appId)).content;
  const start = graph.nodes.find((n) => n.data.type === "start" && !n.parentId);
  const variables = Array.isArray(start?.data.variables) ? (start.data.variables as Mapping[]) : [];
  const feature = (key: string) => (isMapping(features[key]) ? { enabled: false, ...features[key] } : { enabled: false });
  const defaults = appParameters(defaultModelConfig());
  return {
    ...defaults,
    opening_statement: typeof features.opening_statement === "string" ? features.opening_statement : null,
    suggested_questions: Array.isArray(features.suggested_questions) ? features.suggested_questions.map(String) : [],
    suggested_questions_after_answer: feature("suggested_questions_after_answer"),
    speech_to_text: feature("speech_to_text"),
    text_to_speech: feature("text_to_speech"),
    retriever_resource: feature("retriever_resource"),
    annotation_reply: { enabled: false },
    more_like_this: { enabled: false },
    sensitive_word_avoidance: moderationOf(features.sensitive_word_avoidance),
    // Dify's "old structure": each field under its kind, the kind repeated inside as `type`.
    user_input_form: variables.map((v) => {
      const kind = String(v.type ?? "text-input");
      return { [kind]: { ...v, type: kind } };
    }),
    file_upload: isMapping(features.file_upload) ? features.file_upload : defaults.file_upload,
  };
}
