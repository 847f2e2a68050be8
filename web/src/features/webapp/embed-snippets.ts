// The text a site owner pastes to put an app on their own website: an iframe of the hosted page,
// or the floating chat bubble of /embed.js. The dashboard shows these in an app's settings.

export type WebAppMode = "chat" | "completion" | "workflow";

/** The hosted page of an app: `/chat/:code`, `/completion/:code` or `/workflow/:code` (see lib/webapp-path). */
export function webappUrl(origin: string, code: string, mode: WebAppMode = "chat"): string {
  return `${origin.replace(/\/+$/, "")}/${mode}/${encodeURIComponent(code)}`;
}

/** An iframe that shows the whole WebApp inside another page. */
export function iframeSnippet(origin: string, code: string, mode: WebAppMode = "chat"): string {
  return [
    "<iframe",
    `  src="${webappUrl(origin, code, mode)}"`,
    '  style="width: 100%; height: 100%; min-height: 700px; border: 0"',
    '  allow="clipboard-write"',
    `  title="Chat"`,
    "></iframe>",
  ].join("\n");
}

/** A chat bubble in the bottom-right corner that opens the chat app in a panel (chat apps only). */
export function bubbleSnippet(origin: string, code: string): string {
  const base = origin.replace(/\/+$/, "");
  return [
    "<script>",
    "  window.kilnChatbotConfig = {",
    `    token: "${code}",`,
    `    baseUrl: "${base}",`,
    "  };",
    "</script>",
    `<script src="${base}/embed.js" defer></script>`,
  ].join("\n");
}
