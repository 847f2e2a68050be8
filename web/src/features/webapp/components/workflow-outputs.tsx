// A finished run's outputs: text as Markdown, anything else as formatted JSON, each with a copy
// button; a single `text`-like output reads as one answer.
import { CopyButton } from "../../../components/ui/copy-button";
import { outputText } from "../lib/workflow-run";
import { Markdown } from "../../../components/markdown";

function OutputValue({ value }: { value: unknown }) {
  if (typeof value === "string") return <Markdown text={value} className="text-zinc-800" />;
  return (
    <pre className="overflow-x-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs leading-relaxed text-zinc-800">{outputText(value)}</pre>
  );
}

export function WorkflowOutputs({ outputs }: { outputs: Record<string, unknown> }) {
  const entries = Object.entries(outputs);
  if (entries.length === 0) {
    return <p className="text-[13px] text-zinc-500">The run finished without outputs: this app's End node returns nothing.</p>;
  }
  return (
    <div className="space-y-4" data-testid="workflow-outputs">
      {entries.map(([name, value]) => (
        <section key={name} aria-label={`Output ${name}`} className="space-y-2">
          {entries.length > 1 && <h3 className="font-mono text-xs font-medium text-zinc-500">{name}</h3>}
          <OutputValue value={value} />
          <div className="flex justify-end">
            <CopyButton text={outputText(value)} label={entries.length > 1 ? `Copy ${name}` : "Copy"} />
          </div>
        </section>
      ))}
    </div>
  );
}
