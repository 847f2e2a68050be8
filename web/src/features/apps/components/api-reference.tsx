// The app's own API reference: every call it answers, as copy-paste curl with its variables.
import { useState } from "react";
import { Card, CardHeader } from "../../../components/ui/card";
import { cn } from "../../../lib/cn";
import type { ApiExample } from "../lib/api-examples";
import { CodeBlock } from "./code-block";

const METHOD_TONES = { GET: "bg-sky-50 text-sky-700 ring-sky-200", POST: "bg-emerald-50 text-emerald-700 ring-emerald-200" };

export function ApiReference({ examples }: { examples: ApiExample[] }) {
  const [selected, setSelected] = useState(examples[0]?.id);
  const current = examples.find((e) => e.id === selected) ?? examples[0];
  return (
    <Card>
      <CardHeader
        title="API reference"
        description="Dify-compatible: existing Dify clients work with Kiln's base URL. Set KILN_API_KEY to one of the keys above."
      />
      <div className="grid md:grid-cols-[16rem_1fr]">
        <nav className="space-y-0.5 border-b border-zinc-100 p-2 md:border-r md:border-b-0" aria-label="API calls">
          {examples.map((e) => (
            <button
              key={e.id}
              type="button"
              onClick={() => setSelected(e.id)}
              aria-current={e.id === current?.id ? "true" : undefined}
              className={cn(
                "flex w-full cursor-pointer items-start gap-2 rounded-lg px-2.5 py-2 text-left transition-colors",
                e.id === current?.id ? "bg-zinc-100" : "hover:bg-zinc-50",
              )}
            >
              <span className={cn("mt-px shrink-0 rounded px-1.5 py-px font-mono text-[10px] font-semibold ring-1 ring-inset", METHOD_TONES[e.method])}>
                {e.method}
              </span>
              <span className="min-w-0">
                <span className="block text-[13px] font-medium text-zinc-800">{e.title}</span>
                <span className="block truncate font-mono text-[11px] text-zinc-500">{e.path}</span>
              </span>
            </button>
          ))}
        </nav>
        {current && (
          <div className="min-w-0 space-y-3 p-5" data-testid="api-example">
            <div>
              <p className="font-mono text-[13px] text-zinc-900">
                <span className="font-semibold">{current.method}</span> /v1{current.path}
              </p>
              <p className="mt-1 text-[13px] leading-relaxed text-zinc-600">{current.description}</p>
            </div>
            <CodeBlock label="Request" code={current.curl} />
            {current.response && <CodeBlock label="Response" code={current.response} />}
          </div>
        )}
      </div>
    </Card>
  );
}
