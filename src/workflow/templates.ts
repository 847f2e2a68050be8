// The template gallery: ready workflow and chatflow apps a user starts from. Each template is a
// Dify DSL document built here (so it is checked by the same importer as any Dify export) with
// the caller's default model filled into its LLM-backed nodes.
import YAML from "yaml";
import { CURRENT_DSL_VERSION } from "../apps/dsl";

export interface TemplateModel {
  provider: string;
  name: string;
}

interface TemplateNode {
  id: string;
  data: Record<string, unknown> & { type: string; title: string };
  parentId?: string;
  nodeType?: string;
}

interface TemplateEdge {
  source: string;
  target: string;
  sourceHandle?: string;
}

export interface AppTemplate {
  id: string;
  name: string;
  description: string;
  mode: "workflow" | "advanced-chat";
  icon: string;
  icon_background: string;
  category: string;
  /** Nodes in reading order; `columns` places them left to right. */
  build: (model: TemplateModel) => { nodes: TemplateNode[]; edges: TemplateEdge[]; columns: Record<string, [number, number]> };
}

const llm = (model: TemplateModel, title: string, system: string, user: string, extra: Record<string, unknown> = {}) => ({
  type: "llm",
  title,
  model: { provider: model.provider, name: model.name, mode: "chat", completion_params: { temperature: 0.3 } },
  prompt_template: [
    { role: "system", text: system, edition_type: "basic" },
    ...(user ? [{ role: "user", text: user, edition_type: "basic" }] : []),
  ],
  context: { enabled: false, variable_selector: [] },
  vision: { enabled: false },
  ...extra,
});

const text = (variable: string, label: string, type = "text-input", extra: Record<string, unknown> = {}) => ({
  variable,
  label,
  type,
  required: true,
  max_length: type === "paragraph" ? null : 256,
  options: [],
  ...extra,
});

const TEMPLATES: AppTemplate[] = [
  {
    id: "summarize-text",
    name: "Summarize a text",
    description: "Paste any text and get a short summary with its key points.",
    mode: "workflow",
    icon: "📝",
    icon_background: "#E0F2FE",
    category: "Writing",
    build: (m) => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [text("text", "Text", "paragraph")] } },
        {
          id: "summarize",
          data: llm(m, "Summarize", "You summarize texts faithfully: three sentences, then the key points as a bulleted list.", "{{#start.text#}}"),
        },
        { id: "end", data: { type: "end", title: "End", outputs: [{ variable: "summary", value_selector: ["summarize", "text"], value_type: "string" }] } },
      ],
      edges: [
        { source: "start", target: "summarize" },
        { source: "summarize", target: "end" },
      ],
      columns: { start: [0, 0], summarize: [1, 0], end: [2, 0] },
    }),
  },
  {
    id: "translate",
    name: "Translator",
    description: "Translate a text into the language you pick, keeping its tone and formatting.",
    mode: "workflow",
    icon: "🌍",
    icon_background: "#DCFCE7",
    category: "Writing",
    build: (m) => ({
      nodes: [
        {
          id: "start",
          data: {
            type: "start",
            title: "Start",
            variables: [
              text("text", "Text", "paragraph"),
              text("language", "Target language", "select", { options: ["English", "French", "German", "Spanish", "Japanese", "Chinese"] }),
            ],
          },
        },
        {
          id: "translate",
          data: llm(
            m,
            "Translate",
            "Translate the user's text into {{#start.language#}}. Keep the tone, names and formatting; answer with the translation only.",
            "{{#start.text#}}",
          ),
        },
        { id: "end", data: { type: "end", title: "End", outputs: [{ variable: "translation", value_selector: ["translate", "text"], value_type: "string" }] } },
      ],
      edges: [
        { source: "start", target: "translate" },
        { source: "translate", target: "end" },
      ],
      columns: { start: [0, 0], translate: [1, 0], end: [2, 0] },
    }),
  },
  {
    id: "knowledge-chat",
    name: "Knowledge base assistant",
    description: "A chatflow that answers from your knowledge base and says so when it does not know. Pick the knowledge bases after creating it.",
    mode: "advanced-chat",
    icon: "📚",
    icon_background: "#FEF3C7",
    category: "Knowledge",
    build: (m) => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [] } },
        {
          id: "retrieve",
          data: {
            type: "knowledge-retrieval",
            title: "Search the knowledge base",
            query_variable_selector: ["sys", "query"],
            dataset_ids: [],
            retrieval_mode: "multiple",
            multiple_retrieval_config: { top_k: 4, score_threshold: null, reranking_enable: false },
          },
        },
        {
          id: "answer_llm",
          data: llm(
            m,
            "Answer from context",
            "Answer the user's question using only this context. If the context does not contain the answer, say you do not know.\n\n<context>\n{{#context#}}\n</context>",
            "{{#sys.query#}}",
            {
              context: { enabled: true, variable_selector: ["retrieve", "result"] },
              memory: { role_prefix: { user: "", assistant: "" }, window: { enabled: true, size: 10 }, query_prompt_template: "{{#sys.query#}}" },
            },
          ),
        },
        { id: "answer", data: { type: "answer", title: "Answer", answer: "{{#answer_llm.text#}}", variables: [] } },
      ],
      edges: [
        { source: "start", target: "retrieve" },
        { source: "retrieve", target: "answer_llm" },
        { source: "answer_llm", target: "answer" },
      ],
      columns: { start: [0, 0], retrieve: [1, 0], answer_llm: [2, 0], answer: [3, 0] },
    }),
  },
  {
    id: "support-router",
    name: "Support router",
    description: "A chatflow that sorts each question (billing, technical, anything else) and answers it with a prompt made for that kind.",
    mode: "advanced-chat",
    icon: "🧭",
    icon_background: "#EDE9FE",
    category: "Customer service",
    build: (m) => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [] } },
        {
          id: "classify",
          data: {
            type: "question-classifier",
            title: "What is it about?",
            query_variable_selector: ["sys", "query"],
            model: { provider: m.provider, name: m.name, mode: "chat", completion_params: { temperature: 0 } },
            classes: [
              { id: "billing", name: "Billing, invoices, payments or refunds" },
              { id: "technical", name: "A technical problem or how to use the product" },
              { id: "other", name: "Anything else" },
            ],
            instruction: "",
          },
        },
        { id: "billing_llm", data: llm(m, "Billing answer", "You are a billing specialist. Be precise about amounts and dates; never promise a refund.", "{{#sys.query#}}") },
        { id: "tech_llm", data: llm(m, "Technical answer", "You are a support engineer. Give numbered steps and ask for the error message when it is missing.", "{{#sys.query#}}") },
        { id: "other_llm", data: llm(m, "General answer", "You are a friendly assistant for our customers. Keep it short.", "{{#sys.query#}}") },
        { id: "billing_answer", data: { type: "answer", title: "Answer (billing)", answer: "{{#billing_llm.text#}}", variables: [] } },
        { id: "tech_answer", data: { type: "answer", title: "Answer (technical)", answer: "{{#tech_llm.text#}}", variables: [] } },
        { id: "other_answer", data: { type: "answer", title: "Answer (other)", answer: "{{#other_llm.text#}}", variables: [] } },
      ],
      edges: [
        { source: "start", target: "classify" },
        { source: "classify", target: "billing_llm", sourceHandle: "billing" },
        { source: "classify", target: "tech_llm", sourceHandle: "technical" },
        { source: "classify", target: "other_llm", sourceHandle: "other" },
        { source: "billing_llm", target: "billing_answer" },
        { source: "tech_llm", target: "tech_answer" },
        { source: "other_llm", target: "other_answer" },
      ],
      columns: {
        start: [0, 1],
        classify: [1, 1],
        billing_llm: [2, 0],
        tech_llm: [2, 1],
        other_llm: [2, 2],
        billing_answer: [3, 0],
        tech_answer: [3, 1],
        other_answer: [3, 2],
      },
    }),
  },
  {
    id: "web-page-digest",
    name: "Web page digest",
    description: "Fetch a public web page, strip it to text with a code step and summarize it.",
    mode: "workflow",
    icon: "🔗",
    icon_background: "#FFE4E6",
    category: "Research",
    build: (m) => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [text("url", "Page URL", "text-input", { max_length: 2048 })] } },
        {
          id: "fetch",
          data: {
            type: "http-request",
            title: "Fetch the page",
            method: "get",
            url: "{{#start.url#}}",
            authorization: { type: "no-auth", config: null },
            headers: "",
            params: "",
            body: { type: "none", data: [] },
            timeout: { connect: 10, read: 30, write: 30 },
            retry_config: { retry_enabled: true, max_retries: 2, retry_interval: 500 },
          },
        },
        {
          id: "to_text",
          data: {
            type: "code",
            title: "Page to text",
            code_language: "javascript",
            code: [
              "function main({ html, status }) {",
              "  const text = String(html)",
              "    .replace(/<(script|style)[^>]*>[\\s\\S]*?<\\/\\1>/gi, ' ')",
              "    .replace(/<[^>]+>/g, ' ')",
              "    .replace(/&nbsp;/g, ' ')",
              "    .replace(/\\s+/g, ' ')",
              "    .trim();",
              "  return { text: text.slice(0, 20000), ok: status >= 200 && status < 300 };",
              "}",
            ].join("\n"),
            variables: [
              { variable: "html", value_selector: ["fetch", "body"] },
              { variable: "status", value_selector: ["fetch", "status_code"] },
            ],
            outputs: { text: { type: "string", children: null }, ok: { type: "boolean", children: null } },
          },
        },
        { id: "summarize", data: llm(m, "Summarize the page", "Summarize this web page in five bullet points, then one sentence on who it is for.", "{{#to_text.text#}}") },
        {
          id: "end",
          data: {
            type: "end",
            title: "End",
            outputs: [
              { variable: "summary", value_selector: ["summarize", "text"], value_type: "string" },
              { variable: "status_code", value_selector: ["fetch", "status_code"], value_type: "number" },
            ],
          },
        },
      ],
      edges: [
        { source: "start", target: "fetch" },
        { source: "fetch", target: "to_text" },
        { source: "to_text", target: "summarize" },
        { source: "summarize", target: "end" },
      ],
      columns: { start: [0, 0], fetch: [1, 0], to_text: [2, 0], summarize: [3, 0], end: [4, 0] },
    }),
  },
  {
    id: "list-formatter",
    name: "List formatter",
    description: "No model needed: split lines into items, format each one in an iteration and join them into a tidy list.",
    mode: "workflow",
    icon: "📋",
    icon_background: "#F1F5F9",
    category: "Utilities",
    build: () => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [text("items", "One item per line", "paragraph")] } },
        {
          id: "split",
          data: {
            type: "code",
            title: "Split lines",
            code_language: "javascript",
            code: [
              "function main({ items }) {",
              "  const lines = String(items).split(/\\r?\\n/).map((l) => l.trim()).filter(Boolean);",
              "  return { lines, count: lines.length };",
              "}",
            ].join("\n"),
            variables: [{ variable: "items", value_selector: ["start", "items"] }],
            outputs: { lines: { type: "array[string]", children: null }, count: { type: "number", children: null } },
          },
        },
        {
          id: "each",
          data: {
            type: "iteration",
            title: "Format each item",
            iterator_selector: ["split", "lines"],
            output_selector: ["format_item", "output"],
            output_type: "array[string]",
            start_node_id: "eachstart",
            is_parallel: false,
            parallel_nums: 10,
            error_handle_mode: "terminated",
          },
        },
        { id: "eachstart", nodeType: "custom-iteration-start", parentId: "each", data: { type: "iteration-start", title: "", isInIteration: true } },
        {
          id: "format_item",
          parentId: "each",
          data: {
            type: "template-transform",
            title: "Format item",
            isInIteration: true,
            iteration_id: "each",
            template: "{{ index + 1 }}. {{ item[:1] | upper }}{{ item[1:] }}",
            variables: [
              { variable: "item", value_selector: ["each", "item"] },
              { variable: "index", value_selector: ["each", "index"] },
            ],
          },
        },
        {
          id: "join",
          data: {
            type: "template-transform",
            title: "Join",
            template: "{% for line in lines %}{{ line }}\n{% endfor %}",
            variables: [{ variable: "lines", value_selector: ["each", "output"] }],
          },
        },
        {
          id: "end",
          data: {
            type: "end",
            title: "End",
            outputs: [
              { variable: "formatted", value_selector: ["join", "output"], value_type: "string" },
              { variable: "count", value_selector: ["split", "count"], value_type: "number" },
            ],
          },
        },
      ],
      edges: [
        { source: "start", target: "split" },
        { source: "split", target: "each" },
        { source: "eachstart", target: "format_item" },
        { source: "each", target: "join" },
        { source: "join", target: "end" },
      ],
      columns: { start: [0, 0], split: [1, 0], each: [2, 0], eachstart: [0.08, 0.4], format_item: [0.6, 0.4], join: [4.2, 0], end: [5.2, 0] },
    }),
  },
  {
    id: "review-triage",
    name: "Review triage",
    description: "Read a customer review, extract its sentiment and topic, and draft the right reply: an escalation for unhappy customers, thanks for the others.",
    mode: "workflow",
    icon: "⭐",
    icon_background: "#FEF9C3",
    category: "Customer service",
    build: (m) => ({
      nodes: [
        { id: "start", data: { type: "start", title: "Start", variables: [text("review", "Review", "paragraph")] } },
        {
          id: "extract",
          data: {
            type: "parameter-extractor",
            title: "Extract sentiment and topic",
            model: { provider: m.provider, name: m.name, mode: "chat", completion_params: { temperature: 0 } },
            query: ["start", "review"],
            reasoning_mode: "prompt",
            instruction: "Read the customer review.",
            parameters: [
              { name: "sentiment", type: "select", options: ["positive", "neutral", "negative"], description: "The reviewer's overall sentiment", required: true },
              { name: "topic", type: "string", description: "What the review is mainly about, in a few words", required: false },
            ],
          },
        },
        {
          id: "is_negative",
          data: {
            type: "if-else",
            title: "Unhappy?",
            cases: [
              {
                case_id: "true",
                logical_operator: "and",
                conditions: [{ id: "c1", varType: "string", variable_selector: ["extract", "sentiment"], comparison_operator: "is", value: "negative" }],
              },
            ],
          },
        },
        {
          id: "escalate",
          data: {
            type: "template-transform",
            title: "Escalation",
            template: "ESCALATE ({{ topic or 'general' }}): a customer is unhappy. Review: {{ review }}",
            variables: [
              { variable: "topic", value_selector: ["extract", "topic"] },
              { variable: "review", value_selector: ["start", "review"] },
            ],
          },
        },
        {
          id: "thanks",
          data: {
            type: "template-transform",
            title: "Thank-you note",
            template: "Thank you for your review{% if topic %} about {{ topic }}{% endif %}! We are glad you took the time.",
            variables: [{ variable: "topic", value_selector: ["extract", "topic"] }],
          },
        },
        {
          id: "reply",
          data: {
            type: "variable-aggregator",
            title: "Reply",
            output_type: "string",
            variables: [
              ["escalate", "output"],
              ["thanks", "output"],
            ],
          },
        },
        {
          id: "end",
          data: {
            type: "end",
            title: "End",
            outputs: [
              { variable: "reply", value_selector: ["reply", "output"], value_type: "string" },
              { variable: "sentiment", value_selector: ["extract", "sentiment"], value_type: "string" },
            ],
          },
        },
      ],
      edges: [
        { source: "start", target: "extract" },
        { source: "extract", target: "is_negative" },
        { source: "is_negative", target: "escalate", sourceHandle: "true" },
        { source: "is_negative", target: "thanks", sourceHandle: "false" },
        { source: "escalate", target: "reply" },
        { source: "thanks", target: "reply" },
        { source: "reply", target: "end" },
      ],
      columns: { start: [0, 1], extract: [1, 1], is_negative: [2, 1], escalate: [3, 0], thanks: [3, 2], reply: [4, 1], end: [5, 1] },
    }),
  },
];

const COLUMN = 320;
const ROW = 180;
const CONTAINERS = new Set(["iteration", "loop"]);
const CONTAINER_SIZE = { width: 600, height: 200 };

/** The gallery's entries, without their graphs. */
export function listTemplates() {
  return TEMPLATES.map(({ build: _, ...t }) => t);
}

export function findTemplate(id: string): AppTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** A template as a Dify DSL document (YAML), with `model` in its LLM-backed nodes. */
export function templateDsl(template: AppTemplate, model: TemplateModel): string {
  const { nodes, edges, columns } = template.build(model);
  const typeOf = new Map(nodes.map((n) => [n.id, n.data.type]));
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  const doc = {
    version: CURRENT_DSL_VERSION,
    kind: "app",
    app: {
      name: template.name,
      mode: template.mode,
      icon: template.icon,
      icon_background: template.icon_background,
      description: template.description,
      use_icon_as_answer_icon: false,
    },
    dependencies: [],
    workflow: {
      environment_variables: [],
      conversation_variables: [],
      features: {
        file_upload: { enabled: false },
        opening_statement: "",
        suggested_questions: [],
        suggested_questions_after_answer: { enabled: false },
        speech_to_text: { enabled: false },
        text_to_speech: { enabled: false },
        retriever_resource: { enabled: true },
        sensitive_word_avoidance: { enabled: false },
      },
      graph: {
        nodes: nodes.map((n) => {
          const [col, row] = columns[n.id] ?? [0, 0];
          // Containers carry their size, as Dify's exports do, so the canvas draws the box.
          const size = CONTAINERS.has(n.data.type) ? { width: CONTAINER_SIZE.width, height: CONTAINER_SIZE.height } : {};
          return {
            id: n.id,
            type: n.nodeType ?? "custom",
            ...(n.parentId ? { parentId: n.parentId, extent: "parent", zIndex: 1002 } : {}),
            position: { x: Math.round(col * COLUMN), y: Math.round(row * ROW) },
            ...size,
            data: { desc: "", selected: false, ...n.data, ...size },
          };
        }),
        edges: edges.map((e) => {
          const handle = e.sourceHandle ?? "source";
          const parent = parentOf.get(e.target);
          return {
            id: `${e.source}-${handle}-${e.target}-target`,
            source: e.source,
            sourceHandle: handle,
            target: e.target,
            targetHandle: "target",
            type: "custom",
            zIndex: parent ? 1002 : 0,
            data: {
              sourceType: typeOf.get(e.source),
              targetType: typeOf.get(e.target),
              isInIteration: Boolean(parent),
              ...(parent ? { iteration_id: parent } : {}),
            },
          };
        }),
        viewport: { x: 40, y: 80, zoom: 0.8 },
      },
    },
  };
  return YAML.stringify(doc);
}
