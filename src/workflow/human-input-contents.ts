// A chatflow message's Human Input forms as Dify lists them on the message (`extra_contents`, Dify
// 1.15's SQLAlchemyExecutionExtraContentRepository): a form still open with its definition and
// token, so a reopened chat can show it again; an answered one with the action chosen and the values.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Ctx } from "../context";
import { workflowHumanInputForms, workflowRuns } from "../db/schema";
import { decryptSecret } from "../lib/crypto";
import type { HumanInputRequiredData } from "./events";
import { freshFileLinks } from "./human-input-files";
import type { FormRow } from "./human-input-forms";
import { type FormInput, renderWithOutputs } from "./nodes/human-input";

/**
 * A form as its human_input_required event carried it, the token left out once the form is
 * answered and for a form with no web-app token (Dify drops None).
 */
type HumanInputFormDefinition = Omit<HumanInputRequiredData, "form_token"> & { form_token?: string };

export interface HumanInputContent {
  workflow_run_id: string;
  submitted: boolean;
  form_definition: HumanInputFormDefinition;
  form_submission_data?: {
    node_id: string;
    node_title: string;
    rendered_content: string;
    action_id: string;
    action_text: string;
    submitted_data: Record<string, unknown>;
  };
  type: "human_input";
}

async function contentOf(ctx: Ctx, row: FormRow): Promise<HumanInputContent> {
  const d = JSON.parse(row.definition) as Omit<HumanInputRequiredData, "form_token">;
  // As Dify: only an answer makes a form submitted; one past its time is still listed as open.
  const submitted = row.status === "submitted";
  const token = !submitted && row.tokenSecret ? await decryptSecret(ctx.config.APP_SECRET, row.tokenSecret) : null;
  const form_definition: HumanInputFormDefinition = {
    form_id: row.id,
    node_id: row.nodeId,
    node_title: d.node_title || row.nodeId,
    form_content: d.form_content,
    inputs: d.inputs,
    actions: d.actions,
    display_in_ui: d.display_in_ui,
    ...(token ? { form_token: token } : {}),
    resolved_default_values: d.resolved_default_values,
    expiration_time: Math.floor(row.expiresAt / 1000),
  };
  if (!submitted) return { workflow_run_id: row.workflowRunId, submitted, form_definition, type: "human_input" };
  const actionId = row.actionId ?? "";
  const stored = JSON.parse(row.submittedData ?? "{}") as Record<string, unknown>;
  const values = await freshFileLinks(ctx.config.APP_SECRET, d.inputs as FormInput[], stored, ctx.now());
  const action = (d.actions as { id: string; title: string }[]).find((a) => a.id === actionId);
  return {
    workflow_run_id: row.workflowRunId,
    submitted,
    form_definition,
    form_submission_data: {
      node_id: row.nodeId,
      node_title: form_definition.node_title,
      rendered_content: renderWithOutputs(d.form_content, { inputs: d.inputs as FormInput[] }, values),
      action_id: actionId,
      action_text: action?.title ?? actionId,
      submitted_data: values,
    },
    type: "human_input",
  };
}

/**
 * The Human Input contents of a page of an app's messages, oldest form first, by message id
 * (every asked id present; [] for a message without forms). One query for the page, the ids sent
 * as one JSON parameter: a page of 100 would pass D1's 100 bound parameters.
 */
export async function messageExtraContents(ctx: Ctx, appId: string, messageIds: string[]): Promise<Map<string, HumanInputContent[]>> {
  const out = new Map(messageIds.map((id) => [id, [] as HumanInputContent[]]));
  if (!messageIds.length) return out;
  const rows = await ctx.db
    .select({ messageId: workflowRuns.messageId, form: workflowHumanInputForms })
    .from(workflowRuns)
    .innerJoin(workflowHumanInputForms, eq(workflowHumanInputForms.workflowRunId, workflowRuns.id))
    .where(
      and(
        sql`${workflowRuns.messageId} IN (SELECT value FROM json_each(${JSON.stringify(messageIds)}))`,
        eq(workflowRuns.appId, appId),
        eq(workflowHumanInputForms.appId, appId),
      ),
    )
    .orderBy(asc(workflowHumanInputForms.createdAt), asc(workflowHumanInputForms.id))
    .all();
  for (const r of rows) {
    if (r.messageId) out.get(r.messageId)?.push(await contentOf(ctx, r.form));
  }
  return out;
}
