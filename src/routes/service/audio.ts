// Dify's speech routes: POST /audio-to-text (multipart `file`, `user`) → `{ text }`, and
// POST /text-to-audio (`text` or `message_id`, `voice`, `user`) → the MP3. Both need the app's
// speech feature on and a speech model in the workspace (see models/speech.ts).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { audioToText, textToAudio } from "../../apps/speech";
import type { HonoEnv } from "../../hono-env";
import { audioTooLarge, MAX_AUDIO_MB } from "../../models/speech";
import { errorSchema, json } from "../access";
import { endUserOf, limitBody, serviceAccess, serviceErrorResponses, userField } from "./access";

const MB = 1024 * 1024;
// The largest audio plus room for the multipart framing; beyond it the body is not read at all.
export const maxAudioBody = limitBody(MAX_AUDIO_MB * MB + 64 * 1024, audioTooLarge);

export const textToAudioBody = z.object({
  message_id: z.string().max(64).nullish(),
  text: z.string().max(100_000).nullish(),
  voice: z.string().max(100).nullish(),
  /** Accepted for Dify's clients; the MP3 is always sent as it is produced. */
  streaming: z.boolean().nullish(),
});

export function audioRoutes() {
  const app = new OpenAPIHono<HonoEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/audio-to-text",
      summary: "Transcribe audio (mp3, mp4, mpeg, mpga, m4a, wav, webm, amr; up to 30 MB) with the workspace's speech-to-text model",
      ...serviceAccess({ maxBody: maxAudioBody }),
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              // Loose: a missing or wrong file is answered with Dify's audio errors, not a schema error.
              schema: z.looseObject({
                file: z.any().optional().openapi({ type: "string", format: "binary" }),
                user: z.any().optional().openapi({ type: "string" }),
              }),
            },
          },
        },
      },
      responses: {
        200: json(z.object({ text: z.string() }), "The transcript"),
        ...serviceErrorResponses,
        413: json(errorSchema, "audio_too_large"),
        415: json(errorSchema, "unsupported_audio_type"),
      },
    }),
    async (c) => {
      const form = c.req.valid("form");
      await endUserOf(c, typeof form.user === "string" ? form.user : undefined);
      const { app: a, config, tctx } = c.var.service;
      return c.json(await audioToText(tctx, a, config, form.file), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/text-to-audio",
      summary: "Read out a text, or a message's answer, with the workspace's text-to-speech model (audio/mpeg)",
      ...serviceAccess(),
      request: {
        body: { required: true, content: { "application/json": { schema: textToAudioBody.extend({ user: userField.nullish() }) } } },
      },
      responses: {
        200: { description: "The MP3", content: { "audio/mpeg": { schema: z.string().openapi({ format: "binary" }) } } },
        ...serviceErrorResponses,
        404: json(errorSchema, "Message Not Exists."),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      await endUserOf(c, body.user);
      const { app: a, config, tctx } = c.var.service;
      return textToAudio(tctx, a, config, body);
    },
  );

  return app;
}
