// Human Input forms through the Service API (Dify 1.13+ `/form/human_input/:form_token`): open a
// paused run's form with the token its human_input_required event carried, and submit it, which
// sends the run on (follow it with GET /workflow/:id/events or GET /workflows/run/:id).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { HonoEnv } from "../../hono-env";
import { formByToken, formView, submitForm } from "../../workflow/human-input-forms";
import { errorSchema, json } from "../access";
import { endUserOf, requiredUser, serviceAccess, serviceErrorResponses } from "./access";

export const formTokenParam = z.object({ form_token: z.string().min(1).max(64) });

export const formSchema = z
  .object({
    form_content: z.string(),
    inputs: z.array(z.unknown()),
    resolved_default_values: z.record(z.string(), z.string()),
    user_actions: z.array(z.unknown()),
    expiration_time: z.number().int(),
  })
  .openapi("HumanInputForm");

export const submitFields = {
  inputs: z.record(z.string(), z.unknown(), { error: "inputs must be an object of the form's values" }).openapi({
    description: "Values by output variable name: a string for paragraph and select inputs, a file mapping (or a list of them) for file inputs",
  }),
  action: z.string().min(1, "action is required").max(20),
};

export const formErrors = {
  404: json(errorSchema, "No form with this token for this app"),
  412: json(errorSchema, "The form was submitted already (`human_input_form_submitted`) or has expired (`human_input_form_expired`)"),
};

export function humanInputServiceRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/form/human_input/{form_token}",
      summary: "A paused run's Human Input form, by the token of its human_input_required event",
      ...serviceAccess(),
      request: { params: formTokenParam },
      responses: { 200: json(formSchema), ...serviceErrorResponses, ...formErrors },
    }),
    async (c) => {
      const { ctx, service } = c.var;
      return c.json(formView(ctx, await formByToken(ctx, c.req.valid("param").form_token, service.app.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/form/human_input/{form_token}",
      summary: "Submit a Human Input form: the paused run goes on along the chosen action's branch",
      ...serviceAccess(),
      request: {
        params: formTokenParam,
        body: { required: true, content: { "application/json": { schema: z.object({ ...submitFields, user: requiredUser }).openapi("HumanInputFormSubmit") } } },
      },
      responses: { 200: json(z.object({})), ...serviceErrorResponses, ...formErrors },
    }),
    async (c) => {
      const { ctx, service } = c.var;
      const body = c.req.valid("json");
      const form = await formByToken(ctx, c.req.valid("param").form_token, service.app.id);
      const endUser = await endUserOf(c, body.user);
      await submitForm(ctx, form, body, { role: "end_user", id: endUser.id });
      return c.json({}, 200);
    },
  );

  return app;
}
