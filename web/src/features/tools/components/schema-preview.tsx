// The tools a document parses into, live while it is edited; each can be tried with the auth on
// screen before anything is saved (api/test/pre).
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Spinner } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { useTestApiTool } from "../api/test-api-tool";
import type { ApiCredentials, ParsedSchema, ToolDefinition } from "../api/types";
import { problemList } from "../lib/problems";
import { PlayIcon } from "./icons";
import { ParametersTable } from "./parameters-table";
import { ToolTestPanel } from "./tool-test-panel";

interface SchemaPreviewProps {
  data?: ParsedSchema;
  error: unknown;
  loading: boolean;
  empty: boolean;
  schema: string;
  credentials: ApiCredentials;
  authProblem: string | null;
  providerName?: string;
}

export function SchemaPreview({ data, error, loading, empty, schema, credentials, authProblem, providerName }: SchemaPreviewProps) {
  if (empty) return <p className="text-[13px] text-zinc-500">The tools parsed from the document appear here.</p>;
  return (
    <div className="space-y-3" data-testid="schema-preview">
      {loading && (
        <p className="flex items-center gap-2 text-xs text-zinc-500" role="status">
          <Spinner className="size-3.5" /> Reading the document…
        </p>
      )}
      {error ? <SchemaProblems error={error} /> : null}
      {!error && data && (
        <>
          <p className="text-xs text-zinc-500">
            {data.parameters_schema.length} tool{data.parameters_schema.length === 1 ? "" : "s"} ·{" "}
            {data.schema_type === "swagger" ? "Swagger 2" : data.schema_type === "single" ? "single call" : "OpenAPI 3"}
            {data.server_url ? (
              <>
                {" "}
                · calls <span className="font-mono">{data.server_url}</span>
              </>
            ) : null}
          </p>
          {data.warning.length > 0 && (
            <Alert tone="warning" title="Parsed, with warnings">
              <ul className="list-disc pl-4">
                {data.warning.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Alert>
          )}
          {data.parameters_schema.length === 0 ? (
            <p className="text-[13px] text-zinc-500">The document has no operations to turn into tools.</p>
          ) : (
            <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
              {data.parameters_schema.map((tool) => (
                <ParsedTool
                  key={tool.name}
                  tool={tool}
                  schema={schema}
                  schemaType={data.schema_type}
                  credentials={credentials}
                  authProblem={authProblem}
                  providerName={providerName}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function SchemaProblems({ error }: { error: unknown }) {
  const { head, items } = problemList(errorMessage(error));
  return (
    <Alert tone="error" title="This document can't be used">
      <div data-testid="schema-problems">
        {head && <p>{head}</p>}
        {items.length === 1 && !head ? (
          <p>{items[0]}</p>
        ) : (
          <ul className="list-disc pl-4">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </div>
    </Alert>
  );
}

interface ParsedToolProps {
  tool: ToolDefinition;
  schema: string;
  schemaType: ParsedSchema["schema_type"];
  credentials: ApiCredentials;
  authProblem: string | null;
  providerName?: string;
}

function ParsedTool({ tool, schema, schemaType, credentials, authProblem, providerName }: ParsedToolProps) {
  const [testing, setTesting] = useState(false);
  const test = useTestApiTool();
  return (
    <li className="space-y-2 px-3 py-2.5" data-testid="parsed-tool" data-tool={tool.name}>
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="font-mono text-[13px] font-medium text-zinc-900">{tool.name}</p>
          {tool.description && <p className="text-xs text-zinc-500">{tool.description}</p>}
        </div>
        <Button
          size="sm"
          variant={testing ? "secondary" : "ghost"}
          className="h-7"
          icon={<PlayIcon className="size-3.5" />}
          onClick={() => setTesting((t) => !t)}
          data-testid="parsed-tool-test"
          aria-expanded={testing}
        >
          {testing ? "Close test" : "Test"}
        </Button>
      </div>
      <ParametersTable parameters={tool.parameters} />
      {testing && (
        <div className="rounded-lg bg-zinc-50 p-3 ring-1 ring-zinc-100">
          <ToolTestPanel
            tool={tool}
            pending={test.isPending}
            data={test.data}
            error={test.error}
            blocked={authProblem}
            onRun={(parameters) =>
              test.mutate({ provider_name: providerName || undefined, tool_name: tool.name, credentials, schema_type: schemaType, schema, parameters })
            }
          />
        </div>
      )}
    </li>
  );
}
