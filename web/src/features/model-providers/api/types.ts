/** The server's MODEL_TYPES (src/models/registry.ts). */
export type ModelType = "llm" | "text-embedding" | "speech2text" | "tts";

export interface ProviderModel {
  model: string;
  model_type: ModelType;
  /** The id the endpoint is called with, where it differs from the name apps use. */
  endpoint_model_name?: string;
}

export type ProviderType = "offline" | "openai" | "openai_api_compatible" | "system" | "workers_ai";

export interface Provider {
  provider: string;
  provider_type: ProviderType;
  label: string;
  description: string | null;
  is_offline: boolean;
  is_system: boolean;
  configured: boolean;
  base_url: string | null;
  api_key_hint: string | null;
  models: ProviderModel[];
}

export interface OpenAICredentialsInput {
  api_key: string;
  base_url?: string;
  models?: ProviderModel[];
}

export interface CompatibleEndpointInput {
  name: string;
  label: string;
  base_url: string;
  api_key?: string;
  models: ProviderModel[];
}

/** One of Dify's providers, named as Dify names it (GET model-providers/catalogue). */
export interface KnownProvider {
  provider: string;
  label: string;
  base_url: string | null;
  api_key_required: boolean;
  example_model: string;
  example_model_type: ModelType;
  configured: boolean;
}

export interface KnownProviderInput {
  base_url?: string;
  api_key?: string;
  models: ProviderModel[];
}

export interface ModelsOfType {
  provider: string;
  label: string;
  is_offline: boolean;
  models: ProviderModel[];
}

export interface DefaultModel {
  model_type: ModelType;
  provider: string;
  model: string;
  is_offline: boolean;
}
