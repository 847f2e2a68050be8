// What an app shows its API clients and end users about itself, in Dify's shapes: the
// parameters of its published config (features and input form), its basic info, its site.
import { eq } from "drizzle-orm";
import type { TenantCtx } from "../context";
import { accounts } from "../db/schema";
import type { AppRow } from "./apps";
import type { ModelConfig } from "./model-config";
import { UPLOAD_LIMITS_MB } from "./upload-files";

const DEFAULT_FILE_UPLOAD = {
  image: { enabled: false, number_limits: 3, detail: "high", transfer_methods: ["remote_url", "local_file"] },
};

/** Dify's `GET /parameters` (get_parameters_from_feature_dict): features default to disabled. */
export function appParameters(config: ModelConfig) {
  const s = config.sensitive_word_avoidance;
  return {
    opening_statement: config.opening_statement ?? null,
    suggested_questions: config.suggested_questions,
    suggested_questions_after_answer: config.suggested_questions_after_answer,
    speech_to_text: config.speech_to_text,
    text_to_speech: config.text_to_speech,
    retriever_resource: config.retriever_resource,
    annotation_reply: config.annotation_reply,
    more_like_this: config.more_like_this,
    // Dify's form items repeat their kind as `type` inside.
    user_input_form: config.user_input_form.map((item) =>
      Object.fromEntries(Object.entries(item).map(([kind, fields]) => [kind, { ...fields, type: kind }])),
    ),
    sensitive_word_avoidance: { ...s, configs: s.configs ?? [] },
    file_upload: config.file_upload ?? DEFAULT_FILE_UPLOAD,
    system_parameters: {
      image_file_size_limit: UPLOAD_LIMITS_MB.image,
      video_file_size_limit: UPLOAD_LIMITS_MB.video,
      audio_file_size_limit: UPLOAD_LIMITS_MB.audio,
      file_size_limit: UPLOAD_LIMITS_MB.document,
      workflow_file_upload_limit: 10,
    },
  };
}

/** Dify's `GET /info`: the author is the account that created the app. */
export async function appInfo(ctx: TenantCtx, app: AppRow) {
  const author = app.createdBy
    ? await ctx.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, app.createdBy)).get()
    : undefined;
  return { name: app.name, description: app.description, tags: [] as string[], mode: app.mode, author_name: author?.name ?? null };
}

/** Dify's `GET /site`: the public WebApp's settings. */
export function appSite(app: AppRow) {
  return {
    title: app.siteTitle ?? app.name,
    chat_color_theme: null,
    chat_color_theme_inverted: false,
    icon_type: app.iconType,
    icon: app.icon,
    icon_background: app.iconBackground,
    icon_url: null,
    description: app.siteDescription ?? app.description,
    copyright: app.siteCopyright,
    privacy_policy: app.sitePrivacyPolicy,
    custom_disclaimer: "",
    default_language: app.siteDefaultLanguage,
    show_workflow_steps: true,
    use_icon_as_answer_icon: false,
  };
}
