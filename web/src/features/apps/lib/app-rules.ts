// What an app is called and looks like, who may change it, and the checks the create form makes
// before the server would refuse.
import type { AppMode } from "../api/types";

export const MODE_LABELS: Record<AppMode, string> = {
  chat: "Chatbot",
  completion: "Text generator",
  "agent-chat": "Agent",
  "advanced-chat": "Chatflow",
  workflow: "Workflow",
};

export const MODE_DESCRIPTIONS: Record<"chat" | "completion" | "agent-chat" | "workflow" | "advanced-chat", string> = {
  chat: "A conversation: the app remembers earlier turns and can open with a greeting.",
  "agent-chat": "A chat that reasons step by step and calls tools (APIs, MCP servers, your apps) to answer.",
  completion: "One input form, one answer: summaries, translations, generated copy.",
  workflow: "Steps on a canvas: models, code, HTTP calls and branches, run from inputs to outputs.",
  "advanced-chat": "A chat whose every answer runs a workflow, with memory and conversation variables.",
};

export function modeLabel(mode: string): string {
  return MODE_LABELS[mode as AppMode] ?? mode;
}

/** Whether the IDE can edit this app (chat, completion and agent, the "easy" modes). */
export function isEasyMode(mode: string): mode is "chat" | "completion" | "agent-chat" {
  return mode === "chat" || mode === "completion" || mode === "agent-chat";
}

/** Whether the app talks in conversations (chat and agent apps) rather than one-off runs. */
export function isChatMode(mode: string): mode is "chat" | "agent-chat" {
  return mode === "chat" || mode === "agent-chat";
}

/** Whether the app is built on the workflow canvas (workflow and chatflow). */
export function isFlowMode(mode: string): mode is "workflow" | "advanced-chat" {
  return mode === "workflow" || mode === "advanced-chat";
}

/** The page an app opens on: the canvas, the Prompt IDE, or its overview. */
export function appHomePath(appId: string, mode: string): string {
  return `/apps/${appId}/${isFlowMode(mode) ? "workflow" : isEasyMode(mode) ? "configuration" : "overview"}`;
}

/** Owners, admins and editors build apps; other members may look. */
export function canEditApps(role: string | undefined): boolean {
  return role === "owner" || role === "admin" || role === "editor";
}

export const APP_EMOJIS = [
  "🤖", "🔥", "💬", "🧠", "✨", "📝", "📚", "🔍", "💡", "🚀",
  "🎯", "🧪", "🛠️", "📊", "🗂️", "🌍", "🧭", "🎨", "🎧", "📦",
  "⚖️", "🩺", "🦊", "🐙", "🦉", "🐝", "🌱", "☕",
];

export const APP_BACKGROUNDS = [
  "#FFEAD5", "#FEF7C3", "#E4FBCC", "#D3F8DF", "#D5F5F6", "#E0F2FE",
  "#E0EAFF", "#ECE9FE", "#FBE8FF", "#FCE7F6", "#FFE4E8", "#EFF1F5",
];

export const DEFAULT_ICON = { icon: "🤖", icon_background: "#FFEAD5" };

export interface AppInfoForm {
  name: string;
  description: string;
  icon: string;
  icon_background: string;
}

export function appInfoProblems(form: AppInfoForm): { name?: string; description?: string } {
  const name = form.name.trim();
  return {
    name: !name ? "Give the app a name." : name.length > 255 ? "Keep the name to 255 characters." : undefined,
    description: form.description.length > 400 ? "Keep the description to 400 characters." : undefined,
  };
}

/** A file name for an exported DSL: "My app" → "my-app.yml". */
export function dslFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || "app"}.yml`;
}
