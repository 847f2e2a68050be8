// The WebApp's speech routes (Dify's /api/audio-to-text and /api/text-to-audio): the browser's
// recorded question to text, and an answer of the browser's own conversations read out.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { audioToText, textToAudio } from "../../apps/speech";
import type { WebAppEnv } from "../../middleware/end-user";
import { errorSchema, json } from "../access";
import { maxAudioBody, textToAudioBody } from "../service/audio";
import { webappAccess } from "./access";
import { ownerOf } from "./conversations";

export function audioRoutes() {
  const app = new OpenAPIHono<WebAppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/audio-to-text",
      tags: ["webapp"],
      summary: "Transcribe the browser's recording with the workspace's speech-to-text model",
      ...webappAccess({ generation: true, maxBody: maxAudioBody }),
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": { schema: z.looseObject({ file: z.any().optional().openapi({ type: "string", format: "binary" }) }) },
          },
        },
      },
      responses: {
        200: json(z.object({ text: z.string() }), "The transcript"),
        400: json(errorSchema, "Speech to text is off, no audio, or no speech model"),
        413: json(errorSchema, "audio_too_large"),
        415: json(errorSchema, "unsupported_audio_type"),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      return c.json(await audioToText(w.tctx, w.app, w.config, c.req.valid("form").file), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/text-to-audio",
      tags: ["webapp"],
      summary: "Read out an answer of this browser's conversations (message_id), or a text",
      ...webappAccess({ generation: true }),
      request: { body: { required: true, content: { "application/json": { schema: textToAudioBody } } } },
      responses: {
        200: { description: "The MP3", content: { "audio/mpeg": { schema: z.string().openapi({ format: "binary" }) } } },
        400: json(errorSchema, "Text to speech is off, nothing to read, or no speech model"),
        404: json(errorSchema, "Message Not Exists."),
      },
    }),
    async (c) => {
      const w = c.var.webapp;
      return textToAudio(w.tctx, w.app, w.config, c.req.valid("json"), ownerOf(w));
    },
  );

  return app;
}
