// Dify's `wecom` plugin, so Dify DSL tool nodes and agents that post to a WeCom group resolve.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { MESSAGE_TYPES, wecomGroupBot } from "./group-bot";

export const wecomProvider: BuiltinProvider = {
  name: "wecom",
  label: "WeCom",
  description: "Send messages to a WeCom (企业微信) group through its bot's webhook.",
  icon: { type: "emoji", content: "💬", background: "#DCFCE7" },
  tools: [
    defineTool(
      {
        name: "wecom_group_bot",
        label: "Send Group Message",
        description: "Send a message to a WeCom chat group through its group bot.",
        parameters: [
          param("hook_key", "secret-input", "The group bot's webhook key (the key= of its webhook URL).", { form: "form" }),
          param("content", "string", "The message's content."),
          param("message_type", "select", "text, markdown or markdown_v2.", { form: "form", default: "text", options: MESSAGE_TYPES }),
        ],
      },
      wecomGroupBot,
    ),
  ],
};
