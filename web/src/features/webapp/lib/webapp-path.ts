// Which hosted page serves an app: text generators and workflows have their own pages; chat,
// agent and chatflow apps talk in the chat page.
import type { AppMode } from "../api/types";

export type WebAppPage = "chat" | "completion" | "workflow";

export function webappPage(mode: AppMode | string): WebAppPage {
  if (mode === "completion") return "completion";
  if (mode === "workflow") return "workflow";
  return "chat";
}

/** The page's path for a site code, e.g. `/workflow/abc123`. */
export const webappPath = (mode: AppMode | string, code: string) => `/${webappPage(mode)}/${encodeURIComponent(code)}`;
