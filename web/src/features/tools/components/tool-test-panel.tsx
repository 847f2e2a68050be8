// Sample inputs for one tool and the answer of calling it: shared by "Test" on a saved tool and
// the test of a parsed tool before its provider is saved. Not a <form>: it sits inside the custom
// tool dialog's form, and a nested form submits the page natively.
import { useState } from "react";
import { Button } from "../../../components/ui/button";
import { PlayIcon } from "./icons";
import type { ToolDefinition, ToolTestResult } from "../api/types";
import { initialParamValues, toToolArgs } from "../lib/param-values";
import { ToolParamsForm } from "./tool-params-form";
import { ToolResultView } from "./tool-result-view";

interface ToolTestPanelProps {
  tool: ToolDefinition;
  onRun: (args: Record<string, unknown>) => void;
  pending: boolean;
  data?: ToolTestResult;
  error?: unknown;
  /** Why the tool can't be run yet (e.g. the auth is incomplete). */
  blocked?: string | null;
}

export function ToolTestPanel({ tool, onRun, pending, data, error, blocked }: ToolTestPanelProps) {
  const [values, setValues] = useState(() => initialParamValues(tool.parameters));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const run = () => {
    const parsed = toToolArgs(tool.parameters, values);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    onRun(parsed.args);
  };

  return (
    <div
      className="space-y-4"
      data-testid="tool-test-panel"
      // Enter in a field runs the test, not the enclosing form's submit (saving the provider).
      onKeyDown={(e) => {
        if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          if (!pending && !blocked) run();
        }
      }}
    >
      <ToolParamsForm parameters={tool.parameters} values={values} errors={errors} onChange={setValues} disabled={pending} />
      <div className="flex items-center gap-3">
        <Button variant="primary" size="sm" onClick={run} icon={<PlayIcon className="size-3.5" />} loading={pending} disabled={Boolean(blocked)} data-testid="tool-test-run">
          {pending ? "Calling the tool…" : "Run test"}
        </Button>
        {blocked && <p className="text-xs text-amber-700">{blocked}</p>}
      </div>
      <ToolResultView data={pending ? undefined : data} error={pending ? undefined : error} />
    </div>
  );
}
