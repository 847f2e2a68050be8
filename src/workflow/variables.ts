// The variable pool of one workflow run: every node's outputs under its id, plus the `sys`,
// `env` and `conversation` namespaces. Values are read by selector ([node_id, name, ...path]) and
// templates reference them as `{{#node_id.name#}}`, as in Dify.

import { pyJson, pyRepr, pyStr } from "./py-plain";

/** Matches Dify's variable template `{{#node.var.path#}}` (node ids may contain letters, digits, _ and -). */
export const VARIABLE_TEMPLATE = /\{\{#([a-zA-Z0-9_-]{1,50}(?:\.[a-zA-Z_][a-zA-Z0-9_]{0,29}){1,10})#\}\}/g;

/** Newer Dify reads the run's files as `userinput.files` (its migration of `sys.files`). */
export const USER_INPUT_NAMESPACE = "userinput";

export class VariablePool {
  private readonly values: Map<string, Map<string, unknown>>;
  private readonly parent: VariablePool | null;

  constructor(parent: VariablePool | null = null) {
    this.values = new Map();
    this.parent = parent;
  }

  /** Sets [nodeId, name]; `sys`, `env` and `conversation` are node ids like any other. */
  set(nodeId: string, name: string, value: unknown): void {
    let node = this.values.get(nodeId);
    if (!node) {
      node = new Map();
      this.values.set(nodeId, node);
    }
    node.set(name, value);
  }

  /** Sets every output of a node at once. */
  setOutputs(nodeId: string, outputs: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(outputs)) this.set(nodeId, name, value);
  }

  /** Forgets every variable of `nodeId` in this pool (a loop body's node before each round). */
  remove(nodeId: string): void {
    this.values.delete(nodeId);
  }

  /** Whether [nodeId, name] has been set here or in an enclosing scope. */
  has(selector: readonly string[]): boolean {
    const [nodeId, name] = selector;
    if (this.values.get(nodeId)?.has(name)) return true;
    return this.parent?.has(selector) ?? false;
  }

  /** Reads a selector; extra segments walk into objects (and `.length`-free array indices). */
  get(selector: readonly string[]): unknown {
    const [nodeId, name, ...path] = selector;
    if (nodeId === undefined || name === undefined) return undefined;
    const node = this.values.get(nodeId);
    let value: unknown;
    if (node?.has(name)) value = node.get(name);
    else if (this.parent) return this.parent.get(selector);
    else return undefined;
    for (const key of path) {
      if (value === null || value === undefined) return undefined;
      if (typeof value !== "object") return undefined;
      value = isDifyFile(value) ? fileAttribute(value as Record<string, unknown>, key) : (value as Record<string, unknown>)[key];
    }
    return value;
  }

  /** Every variable set under `nodeId` in this pool (not its parents'). */
  namespace(nodeId: string): Record<string, unknown> {
    return Object.fromEntries(this.values.get(nodeId) ?? []);
  }

  /** A child scope (iteration/loop item): reads fall through to this pool, writes stay local. */
  child(): VariablePool {
    return new VariablePool(this);
  }

  /**
   * A template reference's value as Dify's convert_template finds it: `found` is false for a
   * variable that was never set (a node that did not run, a name it has not) and for a path into
   * an object that ends at nothing; a variable set to null is found (and prints as "").
   */
  find(selector: readonly string[]): { found: boolean; value: unknown } {
    const value = this.get(selector);
    const found = selector.length === 2 ? this.has(selector) : value !== undefined && value !== null;
    return { found, value };
  }

  /**
   * Replaces each `{{#node.var#}}` with the variable's text form (objects as JSON, null as ""). A
   * reference to nothing prints as its selector (`node.var`), as Dify prints it.
   */
  render(template: string): string {
    return this.fill(template, textOf);
  }

  /** The same with each variable's Markdown form, as an Answer node prints it. */
  renderMarkdown(template: string): string {
    return this.fill(template, markdownOf);
  }

  /** `template` with each reference found printed by `print`, and each one not found as its selector. */
  fill(template: string, print: (value: unknown, path: string) => string): string {
    return template.replace(VARIABLE_TEMPLATE, (_, path: string) => {
      const { found, value } = this.find(path.split("."));
      return found ? print(value, path) : path;
    });
  }

  /** The selectors a template references, in order. */
  static selectorsIn(template: string): string[][] {
    return [...template.matchAll(VARIABLE_TEMPLATE)].map((m) => m[1].split("."));
  }
}

/** One Dify file as a variable holds it: Dify's serialized marker, or the Service API's file fields. */
export function isDifyFile(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  return f.dify_model_identity === "__dify__file__" || typeof f.transfer_method === "string";
}

/**
 * A file's attribute as Dify's file manager reads it (`{{#node.file.name#}}`, list-operator and
 * if-else sub-conditions): `name` is the file name, `url` a remote file's address too, and
 * extensions always carry their leading dot. Other keys are read as they are.
 */
export function fileAttribute(file: Record<string, unknown>, key: string): unknown {
  if (key === "name") return file.filename ?? file.name;
  if (key === "url") return file.url ?? file.remote_url;
  const value = file[key];
  if (key === "extension" && typeof value === "string" && value && !value.startsWith(".")) return `.${value}`;
  return value;
}

/** A file's Markdown as Dify writes it: an image inline, anything else as a link. */
function fileMarkdown(file: Record<string, unknown>): string {
  const url = String(file.url ?? file.remote_url ?? "");
  const name = typeof file.filename === "string" ? file.filename : "";
  return file.type === "image" ? `![${name}](${url})` : `[${name || url}](${url})`;
}

/** Dify's text form of a variable inside a template (its Segment.text): strings as they are,
 * numbers and booleans as Python prints them, objects and lists of strings as JSON, other lists
 * as Python prints them, files, empty lists and none as "". */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    if (!value.length || value.some(isDifyFile)) return value.every(isDifyFile) || !value.length ? "" : pyRepr(value);
    return value.every((x) => typeof x === "string") ? pyJson(value) : pyRepr(value);
  }
  if (typeof value === "object") return isDifyFile(value) ? "" : pyJson(value);
  return pyStr(value);
}

/** Dify's Markdown form of a variable, which Answer nodes print (its Segment.markdown): objects
 * as indented JSON, lists as "- item" lines, files as Markdown images or links. */
export function markdownOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    if (value.length && value.every(isDifyFile)) return value.map((f) => fileMarkdown(f as Record<string, unknown>)).join("\n");
    return value.map((x) => `- ${pyStr(x)}`).join("\n");
  }
  if (typeof value === "object") return isDifyFile(value) ? fileMarkdown(value as Record<string, unknown>) : pyJson(value, { indent: 2 });
  return pyStr(value);
}
