// The Human Input node (Dify 1.13+): the run stops at a form a person fills in. The first time the
// node runs it creates the form (its Markdown with the run's variables filled in, its inputs and
// action buttons, when it expires) and the run pauses; when the form is submitted, or expires, the
// run goes on and the node outputs what was entered, with `__action_id`, `__action_value` and
// `__rendered_content`, and follows the edge of the chosen action (or `__timeout`).
import { z } from "zod";
import { randomString } from "../../lib/ids";
import { requireEngine } from "../engine/state";
import type { HumanInputRequiredData } from "../events";
import { markdownOf } from "../variables";
import type { WorkflowNode } from "./types";

const selector = z.array(z.string()).default([]);
const stringSource = z.looseObject({ type: z.enum(["constant", "variable"]), selector, value: z.string().default("") });
const listSource = z.looseObject({ type: z.enum(["constant", "variable"]), selector, value: z.array(z.string()).default([]) });
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,29}$/, "must be a variable name (letters, digits and _, not starting with a digit)");
const fileRules = {
  allowed_file_types: z.array(z.string()).default([]),
  allowed_file_extensions: z.array(z.string()).default([]),
  allowed_file_upload_methods: z.array(z.enum(["local_file", "remote_url"])).default([]),
};

const input = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("paragraph"), output_variable_name: name, default: stringSource.nullish() }),
  z.looseObject({ type: z.literal("select"), output_variable_name: name, option_source: listSource }),
  z.looseObject({ type: z.literal("file"), output_variable_name: name, ...fileRules }),
  z.looseObject({ type: z.literal("file-list"), output_variable_name: name, number_limits: z.number().int().nonnegative().default(0), ...fileRules }),
]);
export type FormInput = z.infer<typeof input>;

const action = z.looseObject({
  id: z
    .string()
    .max(20)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must start with a letter or _ and hold only letters, digits and _"),
  title: z.string().max(100),
  button_style: z.enum(["primary", "default", "accent", "ghost"]).default("default"),
});

const delivery = z.looseObject({ type: z.string(), enabled: z.boolean().default(true) });

const unique = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);

const schema = z
  .looseObject({
    form_content: z.string().default(""),
    inputs: z.array(input).default([]),
    user_actions: z.array(action).default([]),
    timeout: z.number().int().nonnegative().default(36),
    timeout_unit: z.enum(["hour", "day"]).default("hour"),
    delivery_methods: z.array(delivery).default([]),
  })
  .superRefine((d, ctx) => {
    const dupName = unique(d.inputs.map((i) => i.output_variable_name));
    if (dupName) ctx.addIssue({ code: "custom", path: ["inputs"], message: `duplicated output_variable_name '${dupName}' in inputs` });
    const dupAction = unique(d.user_actions.map((a) => a.id));
    if (dupAction) ctx.addIssue({ code: "custom", path: ["user_actions"], message: `duplicated user action id '${dupAction}'` });
  });
export type HumanInputData = z.infer<typeof schema>;

const HOUR_MS = 3_600_000;
/** The placeholders the form's Markdown keeps for what the person enters. */
const OUTPUT_PLACEHOLDER = /\{\{#\$output\.([a-zA-Z_][a-zA-Z0-9_]{0,29})#\}\}/g;
export const TIMEOUT_HANDLE = "__timeout";

/** Whether the form goes to the web app (a token the Service API and WebApp open it with). */
export const deliveredToWebApp = (data: HumanInputData) =>
  data.delivery_methods.length === 0 || data.delivery_methods.some((m) => m.type === "webapp" && m.enabled);

/** The Markdown with the entered values in place of their placeholders, as Dify renders it after submission. */
export function renderWithOutputs(content: string, data: Pick<HumanInputData, "inputs">, values: Record<string, unknown>): string {
  const byName = new Map(data.inputs.map((i) => [i.output_variable_name, i]));
  return content.replace(OUTPUT_PLACEHOLDER, (_, field: string) => {
    const value = values[field];
    if (value === null || value === undefined) return "";
    const kind = byName.get(field)?.type;
    if (kind === "file") return "[file]";
    if (kind === "file-list") return `[${Array.isArray(value) ? value.length : 0} files]`;
    if (kind === "paragraph" || kind === "select" || typeof value !== "object") return String(value);
    return JSON.stringify(value);
  });
}

const specialOutputs = (actionId: string, actionValue: string, rendered: string) => ({
  __action_id: actionId,
  __action_value: actionValue,
  __rendered_content: rendered,
});

export const humanInputNode: WorkflowNode<typeof schema> = {
  type: "human-input",
  schema,
  selectors: (data) => [
    ...data.inputs.flatMap((i) =>
      i.type === "paragraph" && i.default?.type === "variable" ? [i.default.selector] : i.type === "select" && i.option_source.type === "variable" ? [i.option_source.selector] : [],
    ),
  ],
  async run(ctx, data) {
    const engine = requireEngine(ctx);
    if (!engine.topLevel) throw new Error("A Human Input node cannot run inside an iteration or a loop.");
    const title = ctx.node.data.title ?? "";
    const outcome = engine.formOutcome();
    if (outcome?.kind === "submitted") {
      const values: Record<string, unknown> = {};
      for (const i of data.inputs) if (i.output_variable_name in outcome.data) values[i.output_variable_name] = outcome.data[i.output_variable_name];
      const actionTitle = data.user_actions.find((a) => a.id === outcome.actionId)?.title ?? outcome.actionId;
      const rendered = renderWithOutputs(outcome.form.form_content, data, values);
      engine.emit({
        event: "human_input_form_filled",
        data: { node_id: ctx.node.id, node_title: title, rendered_content: rendered, action_id: outcome.actionId, action_text: actionTitle, submitted_data: values },
      });
      return { inputs: values, outputs: { ...values, ...specialOutputs(outcome.actionId, actionTitle, rendered) }, edgeSourceHandle: outcome.actionId };
    }
    if (outcome?.kind === "timeout") {
      engine.emit({ event: "human_input_form_timeout", data: { node_id: ctx.node.id, node_title: title, expiration_time: outcome.form.expiration_time } });
      return { outputs: specialOutputs("", "", outcome.form.form_content), edgeSourceHandle: TIMEOUT_HANDLE };
    }
    if (outcome?.kind === "waiting") return { outputs: {}, pause: { form: outcome.form, created: false } };

    // A new form: the run's variables filled in (placeholders kept), defaults and options resolved.
    const defaults: Record<string, unknown> = {};
    const inputs = data.inputs.map((i) => {
      if (i.type === "paragraph" && i.default?.type === "variable") {
        const value = ctx.pool.get(i.default.selector);
        if (value !== undefined && value !== null) defaults[i.output_variable_name] = value;
      }
      if (i.type === "select" && i.option_source.type === "variable") {
        const options = ctx.pool.get(i.option_source.selector);
        if (Array.isArray(options)) return { ...i, option_source: { ...i.option_source, value: options.map((o) => String(o)) } };
      }
      return i;
    });
    const webApp = deliveredToWebApp(data);
    const expires = engine.now() + data.timeout * (data.timeout_unit === "day" ? 24 * HOUR_MS : HOUR_MS);
    const form: HumanInputRequiredData = {
      form_id: engine.newId(),
      node_id: ctx.node.id,
      node_title: title,
      form_content: ctx.pool.renderMarkdown(data.form_content),
      inputs,
      actions: data.user_actions,
      display_in_ui: webApp,
      // Only a form delivered to the web app has a token (Kiln sends no e-mail); the console
      // answers any form of its apps by id.
      form_token: webApp ? randomString(22) : null,
      resolved_default_values: defaults,
      expiration_time: Math.floor(expires / 1000),
    };
    return { outputs: {}, pause: { form, created: true } };
  },
};

/** Default values as form clients get them: text, with objects and lists as JSON (Dify's stringify_form_default_values). */
export function stringifiedDefaults(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : markdownOf(v);
  return out;
}
