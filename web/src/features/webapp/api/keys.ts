// Query keys of a public WebApp page. They start with the site code, so two apps open in one
// browser never mix.
export const webappKeys = {
  site: (code: string) => ["webapp", code, "site"] as const,
  parameters: (code: string) => ["webapp", code, "parameters"] as const,
  conversations: (code: string) => ["webapp", code, "conversations"] as const,
  messages: (code: string, conversationId: string) => ["webapp", code, "messages", conversationId] as const,
  /** A form is reached by its token, not a site code. */
  humanInputForm: (token: string) => ["webapp", "human-input-form", token] as const,
};

/** The public pages retry only network failures: a refused site answers the same way again. */
export const retryNetwork = (failures: number, error: unknown) =>
  failures < 2 && (error as { status?: number })?.status === 0;
