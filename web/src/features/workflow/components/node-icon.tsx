// One small icon per node kind, drawn on a coloured tile like Dify's blocks.
import type { ReactNode } from "react";
import { Icon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import { kindOf } from "../lib/node-kinds";

const PATHS: Record<string, ReactNode> = {
  start: <path d="M6 4l12 8-12 8z" />,
  "trigger-webhook": (
    <>
      <path d="M10 7.5a3 3 0 1 1 4.5 2.6L12 15" />
      <path d="M7.5 18a3 3 0 1 1 1.1-5.8L12 7" />
      <path d="M17 18a3 3 0 1 0 0-6h-5l-2.6 4.5" />
    </>
  ),
  "trigger-schedule": (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  end: <rect x="6" y="6" width="12" height="12" rx="1.5" />,
  answer: <path d="M4 5h16v11H9l-5 4z" />,
  llm: <path d="M12 3l2.2 5.3L20 9l-4.4 3.8L17 19l-5-3-5 3 1.4-6.2L4 9l5.8-.7z" />,
  "knowledge-retrieval": (
    <>
      <path d="M4 19.5V5a2 2 0 0 1 2-2h13v15H6.5A2.5 2.5 0 0 0 4 20.5" />
      <path d="M8 7h7" />
    </>
  ),
  "question-classifier": <path d="M4 6h6l4 6-4 6H4M14 12h6M17 9l3 3-3 3" />,
  "if-else": <path d="M6 3v6a4 4 0 0 0 4 4h8M14 9l4 4-4 4M6 21v-8" />,
  iteration: <path d="M17 2l4 4-4 4M3 11v-1a4 4 0 0 1 4-4h14M7 22l-4-4 4-4M21 13v1a4 4 0 0 1-4 4H3" />,
  loop: <path d="M21 12a9 9 0 1 1-3-6.7L21 8M21 3v5h-5" />,
  "loop-end": <path d="M9 4H5v16h4M16 8l4 4-4 4M20 12H9" />,
  code: <path d="M16 18l6-6-6-6M8 6l-6 6 6 6" />,
  "template-transform": <path d="M4 7V4h16v3M9 20h6M12 4v16" />,
  "variable-aggregator": <path d="M4 6h5l3 6-3 6H4M12 12h8" />,
  "variable-assigner": <path d="M4 6h5l3 6-3 6H4M12 12h8" />,
  assigner: <path d="M5 9h14M5 15h14" />,
  "parameter-extractor": <path d="M8 3H6a2 2 0 0 0-2 2v4l-2 3 2 3v4a2 2 0 0 0 2 2h2M16 3h2a2 2 0 0 1 2 2v4l2 3-2 3v4a2 2 0 0 1-2 2h-2" />,
  "list-operator": <path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01" />,
  "document-extractor": (
    <>
      <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
      <path d="M14 2v6h6M8 13h8M8 17h5" />
    </>
  ),
  "http-request": (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
    </>
  ),
  tool: <path d="M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z" />,
  agent: (
    <>
      <rect x="4" y="8" width="16" height="12" rx="3" />
      <path d="M12 4v4M9 13h.01M15 13h.01" />
    </>
  ),
  "human-input": (
    <>
      <circle cx="12" cy="7" r="3.5" />
      <path d="M5 20a7 7 0 0 1 14 0" />
    </>
  ),
};

export function NodeIcon({ type, size = "md" }: { type: string; size?: "sm" | "md" }) {
  const kind = kindOf(type);
  return (
    <span className={cn("flex shrink-0 items-center justify-center rounded-md text-white", kind.tone, size === "sm" ? "size-5" : "size-6")}>
      <Icon className={size === "sm" ? "size-3" : "size-3.5"} strokeWidth={2.2}>
        {PATHS[type] ?? <circle cx="12" cy="12" r="6" />}
      </Icon>
    </span>
  );
}
