// Dify's wecom plugin (langgenius/wecom) `wecom_group_bot`: a message to a WeCom (企业微信) group
// through its bot's webhook key. As in the plugin, problems are answered as the tool's text (a
// bad key, WeCom's refusal) rather than failing the node; WeCom's own error code counts as a
// refusal here, where the plugin only looked at the HTTP status.
import type { TenantCtx } from "../../../context";
import type { BuiltinCallOptions, ToolResult } from "../../types";
import type { ToolArgs } from "../arguments";
import { fetchText } from "../fetch-text";

export const WECOM_API_URL = "https://qyapi.weixin.qq.com";
export const MESSAGE_TYPES = ["text", "markdown", "markdown_v2"];

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export async function wecomGroupBot(ctx: TenantCtx, args: ToolArgs, { signal }: BuiltinCallOptions): Promise<ToolResult> {
  const content = args.optionalString("content") ?? "";
  if (!content) return { text: "Invalid parameter content" };
  const hookKey = (args.optionalString("hook_key") ?? "").trim();
  if (!UUID.test(hookKey)) return { text: "Invalid parameter hook_key: not a valid UUID" };
  const type = args.optionalString("message_type") || "text";
  const payload = { msgtype: type, [type]: { content } };
  const url = new URL(`${(ctx.env.WECOM_API_URL || WECOM_API_URL).replace(/\/+$/, "")}/cgi-bin/webhook/send`);
  url.searchParams.set("key", hookKey);
  let status: number;
  let body: string;
  try {
    const answer = await fetchText(ctx, url.toString(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal,
    }, 64 * 1024);
    // WeCom answers a few bytes; only its status and error code are read (and a cut body is quoted).
    status = answer.response.status;
    body = answer.text;
  } catch (err) {
    if (signal.aborted) throw err;
    return { text: `Failed to send message to group chat bot. ${(err as Error)?.message ?? err}` };
  }
  let code: unknown = 0;
  try {
    code = (JSON.parse(body) as { errcode?: unknown }).errcode ?? 0;
  } catch {
    // not JSON: the status decides
  }
  if (status < 200 || status > 299 || code !== 0) {
    return { text: `Failed to send the text message, status code: ${status}, response: ${body.slice(0, 500)}` };
  }
  return { text: "Text message sent successfully" };
}
