// Dify's `jina` provider (the langgenius/jina plugin), so Dify DSL tool nodes that read a page
// with jina_reader resolve: the page through Jina Reader, as Markdown in Jina's JSON.
import type { BuiltinProvider } from "../../types";
import { defineTool, param } from "../define";
import { checkJinaKey, jinaReader } from "./reader";

const flag = (name: string, description: string) => param(name, "boolean", description, { form: "form", required: false, default: false });
const option = (name: string, description: string) => param(name, "string", description, { form: "form", required: false });

export const jinaProvider: BuiltinProvider = {
  name: "jina",
  label: "Jina AI",
  description: "Read a web page (or a PDF) as LLM-friendly Markdown through Jina Reader (r.jina.ai).",
  icon: { type: "emoji", content: "📖", background: "#FEF3C7" },
  // Optional, as in the plugin: without a key Jina's anonymous rate limit applies.
  credentials: [
    {
      name: "api_key",
      label: "Jina API key",
      type: "secret-input",
      required: false,
      help: "Raises Jina Reader's rate limit; the installation's JINA_API_KEY is used when none is set",
      url: "https://jina.ai/",
      placeholder: "jina_…",
    },
  ],
  validateCredentials: checkJinaKey,
  tools: [
    defineTool(
      {
        name: "jina_reader",
        label: "Fetch Single Page",
        description: "Fetch the target URL (can be a PDF) through Jina Reader and answer its JSON: the page's title, url and Markdown content.",
        parameters: [
          param("url", "string", "The page's address."),
          param("request_params", "string", 'Request parameters sent in the query, as a JSON object: {"key1": "value1"}.', { required: false }),
          option("target_selector", "A CSS selector of the elements to read."),
          option("wait_for_selector", "A CSS selector to wait for before reading."),
          flag("remove_images", "Remove all images from the answer."),
          flag("image_caption", "Caption images that have no alt text."),
          flag("gather_all_links_at_the_end", 'Add a "Buttons & Links" section at the end.'),
          flag("gather_all_images_at_the_end", 'Add an "Images" section at the end.'),
          option("proxy_server", "A proxy for Jina to reach the page through."),
          flag("no_cache", "Bypass Jina's cache."),
          flag("no_cache_track", "Ask Jina not to cache or track the request."),
          flag("summary", "Dify summarises the answer with the workspace's model; Kiln answers it whole."),
          param("max_retries", "number", "Retries (the plugin does not use it either).", { form: "form", required: false, default: 3 }),
          param("content_format", "select", "The level of detail of the answer.", {
            form: "form",
            required: false,
            default: "default",
            options: ["default", "markdown", "html", "text", "screenshot", "pageshot"],
          }),
        ],
      },
      jinaReader,
    ),
  ],
};
