// Query keys of the tools feature. The provider list lives under ["tools", "providers"], so the
// Prompt IDE's agent tool picker (which reads the same key) refreshes when a provider changes.

export const toolKeys = {
  all: ["tools"] as const,
  providers: () => ["tools", "providers"] as const,
  apiProvider: (name: string) => ["tools", "api-provider", name] as const,
};

/** Every cached provider list: this page's, and the workflow tool node picker's (its own key). */
export const PROVIDER_LISTS = [toolKeys.providers(), ["tool-providers"]] as const;
