// Model provider credentials (encrypted at rest) and each workspace's default models.
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const providerCredentials = sqliteTable(
  "provider_credentials",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** `openai`, or `compat_<slug>` for each OpenAI-compatible endpoint. */
    provider: text("provider").notNull(),
    providerType: text("provider_type", { enum: ["openai", "openai_api_compatible"] }).notNull(),
    label: text("label").notNull(),
    baseUrl: text("base_url"),
    /** AES-GCM ciphertext of the API key (see lib/crypto). */
    encryptedApiKey: text("encrypted_api_key"),
    apiKeyHint: text("api_key_hint"),
    /** JSON array of { model, model_type }. */
    models: text("models").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("provider_credentials_ws_provider_idx").on(t.workspaceId, t.provider)],
);

export const defaultModels = sqliteTable(
  "default_models",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    modelType: text("model_type", { enum: ["llm", "text-embedding", "speech2text", "tts"] }).notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.modelType] })],
);
