// What every node form receives: the node's data, a way to change it, and the variables it may read.
import type { ConversationVariable, EnvironmentVariable, NodeData } from "../../api/types";
import type { FlowNode } from "../../lib/flow";
import type { AppFlavor } from "../../lib/node-kinds";
import type { VarGroup } from "../../lib/variables";

export interface FormProps {
  appId: string;
  node: FlowNode;
  data: NodeData;
  /** Merges fields into the node's data (one undo step per pause in typing). */
  patch: (fields: Record<string, unknown>) => void;
  groups: VarGroup[];
  flavor: AppFlavor;
  nodes: FlowNode[];
  environment: EnvironmentVariable[];
  conversation: ConversationVariable[];
  readOnly: boolean;
}

export const list = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
export const text = (v: unknown): string => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));
export const replaceAt = <T,>(items: T[], index: number, next: T): T[] => items.map((item, i) => (i === index ? next : item));
export const removeAt = <T,>(items: T[], index: number): T[] => items.filter((_, i) => i !== index);
export const randomId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
