// What a test call answered: the text the model would see, its structured output, how long it took.
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { errorMessage } from "../../../lib/api";
import type { ToolTestResult } from "../api/types";

export function ToolResultView({ data, error }: { data?: ToolTestResult; error?: unknown }) {
  if (error) {
    return (
      <Alert tone="error" title="The tool call failed">
        <span data-testid="tool-test-error">{errorMessage(error)}</span>
      </Alert>
    );
  }
  if (!data) return null;
  const { result, elapsed_ms } = data;
  return (
    <div className="space-y-2" data-testid="tool-test-result">
      <div className="flex items-center gap-2">
        <Badge tone={result.isError ? "red" : "green"} dot>
          {result.isError ? "Returned an error" : "Succeeded"}
        </Badge>
        <span className="text-xs text-zinc-500 tabular-nums" data-testid="tool-test-elapsed">
          {elapsed_ms < 1000 ? `${Math.round(elapsed_ms)} ms` : `${(elapsed_ms / 1000).toFixed(2)} s`}
        </span>
      </div>
      {/* A tool that only makes files (Markdown Exporter, text to speech) answers no text. */}
      {(result.text || !result.files?.length) && (
        <pre className="max-h-72 overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap break-words text-zinc-800" data-testid="tool-test-text">
          {result.text || "(empty result)"}
        </pre>
      )}
      {result.json && result.json.length > 0 && (
        <details className="text-xs">
          <summary className="cursor-pointer text-zinc-600">Structured output ({result.json.length})</summary>
          <pre className="mt-1 max-h-60 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono whitespace-pre-wrap text-zinc-700">{JSON.stringify(result.json, null, 2)}</pre>
        </details>
      )}
      {result.files && result.files.length > 0 && (
        <ul className="text-xs">
          {result.files.map((f) => (
            <li key={f.url} data-testid="tool-test-file">
              <a href={f.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                {f.filename || f.url}
              </a>{" "}
              <span className="text-zinc-400">{f.mime_type}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
