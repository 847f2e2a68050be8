// The public workflow page `/workflow/:code`: the start node's form (files uploaded as they are
// picked), Run with the steps streaming in as they finish, then the outputs (or the Human Input
// forms the run paused at, answered here); and a batch tab that runs a CSV of inputs.
import { type ComponentProps, useMemo, useRef, useState } from "react";
import { Navigate, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { SparklesIcon } from "../../../components/ui/icons";
import { cn } from "../../../lib/cn";
import { useParameters } from "../api/get-parameters";
import { useSite } from "../api/get-site";
import { type FileVariable, type FormVariable, fileVariables, formVariables, type Parameters, type Site } from "../api/types";
import { AppIcon } from "../components/app-icon";
import { BatchRun } from "../components/batch-run";
import { StopIcon } from "../components/icons";
import { InputsForm } from "../components/inputs-form";
import { PageError, PageLoading } from "../components/page-state";
import { PausedForms } from "../components/paused-forms";
import { SiteFooter } from "../components/site-footer";
import { WorkflowOutputs } from "../components/workflow-outputs";
import { WorkflowSteps } from "../components/workflow-steps";
import { useDocumentTitle } from "../hooks/use-document-title";
import { useWorkflowRun } from "../hooks/use-workflow-run";
import { FileInputs } from "../../../components/file-inputs";
import { type FileValues, fileInputs, validateFiles } from "../../../lib/file-inputs";
import { uploadFile } from "../api/upload-file";
import { initialValues, toInputs, validateValues } from "../lib/inputs";
import { webappPath } from "../lib/webapp-path";
import type { RunView } from "../lib/workflow-run";

/** Start-node kinds the form's fields fill in; file inputs have their own pickers. */
const FORM_KINDS = new Set<string>(["text-input", "paragraph", "select", "number", "checkbox", "json_object"]);

export function WebAppWorkflowRoute() {
  const code = useParams().code ?? "";
  const site = useSite(code);
  const parameters = useParameters(code);
  if (site.isError || parameters.isError) return <PageError error={site.error ?? parameters.error} />;
  if (site.isPending || parameters.isPending) return <PageLoading />;
  if (site.data.mode !== "workflow") return <Navigate to={webappPath(site.data.mode, code)} replace />;
  return <WorkflowApp code={code} site={site.data} parameters={parameters.data} />;
}

function RunResult({ run, onAnswer }: { run: RunView; onAnswer: ComponentProps<typeof PausedForms>["onAnswer"] }) {
  const running = run.status === "running";
  return (
    <div className="space-y-4">
      <details open={running} className="group rounded-xl border border-zinc-200 px-3 py-2">
        <summary className="cursor-pointer text-[13px] font-medium text-zinc-700 select-none">
          {running ? "Running" : run.status === "paused" ? `Paused · Steps (${run.steps.length})` : `Steps (${run.steps.length})`}
          {run.elapsed !== null && <span className="ml-2 font-normal text-zinc-400">{run.elapsed.toFixed(2)} s</span>}
        </summary>
        <div className="pt-2 pb-1">
          <WorkflowSteps steps={run.steps} />
        </div>
      </details>
      {(running || run.status === "paused") && run.text && <p className="whitespace-pre-wrap text-sm text-zinc-800">{run.text}</p>}
      {run.status === "paused" && <PausedForms forms={run.forms} onAnswer={onAnswer} />}
      {run.status === "failed" && (
        <Alert tone="error" title="The run failed">
          {run.error ?? "The app stopped with an error."} Check the inputs and press Run to try again.
        </Alert>
      )}
      {run.status === "stopped" && (
        <p className="text-xs text-zinc-500">{run.error ? `Stopped: ${run.error}` : "Stopped."} Press Run to start again.</p>
      )}
      {run.status === "partial-succeeded" && (
        <Alert tone="warning">Some steps failed and were handled by the app; the outputs may be incomplete.</Alert>
      )}
      {(run.status === "succeeded" || run.status === "partial-succeeded") && run.outputs && <WorkflowOutputs outputs={run.outputs} />}
    </div>
  );
}

function RunOnce({ code, variables, files: fileVars }: { code: string; variables: FormVariable[]; files: FileVariable[] }) {
  const [values, setValues] = useState(() => initialValues(variables));
  const [files, setFiles] = useState<FileValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const workflow = useWorkflowRun(code);
  const resultRef = useRef<HTMLElement>(null);

  const run = () => {
    const found = { ...validateValues(variables, values), ...validateFiles(fileVars, files) };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void workflow.start({ ...toInputs(variables, values), ...fileInputs(fileVars, files) });
    resultRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  };

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,380px)_minmax(0,1fr)] lg:gap-6">
      <form
        // The form's own checks name each problem in words; the browser's bubbles would stop it first.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!workflow.running) run();
        }}
        className="space-y-5"
        aria-label="Inputs"
      >
        {variables.some((v) => !v.hide) && (
          <InputsForm
            variables={variables}
            values={values}
            errors={errors}
            disabled={workflow.running}
            onChange={(name, value) => {
              setValues((v) => ({ ...v, [name]: value }));
              setErrors(({ [name]: _, ...rest }) => rest);
            }}
          />
        )}
        {fileVars.some((v) => !v.hide) && (
          <FileInputs
            upload={(file) => uploadFile(code, file)}
            variables={fileVars}
            values={files}
            errors={errors}
            disabled={workflow.running}
            onUpdate={(name, change) => {
              setFiles((f) => ({ ...f, [name]: change(f[name] ?? []) }));
              setErrors(({ [name]: _, ...rest }) => rest);
            }}
          />
        )}
        {!variables.some((v) => !v.hide) && !fileVars.some((v) => !v.hide) && (
          <p className="text-[13px] text-zinc-500">This app needs no input. Press Run to start it.</p>
        )}
        {workflow.refused && <Alert tone="error">{workflow.refused}</Alert>}
        <div className="flex items-center justify-end gap-2">
          <Button
            onClick={() => {
              setValues(initialValues(variables));
              setFiles({});
              setErrors({});
              workflow.clear();
            }}
            disabled={workflow.running}
          >
            Clear
          </Button>
          {workflow.running ? (
            <Button variant="primary" icon={<StopIcon className="size-3.5" />} onClick={workflow.stop} loading={workflow.stopping}>
              Stop
            </Button>
          ) : (
            <Button type="submit" variant="primary" icon={<SparklesIcon />}>
              Run
            </Button>
          )}
        </div>
      </form>
      <section ref={resultRef} className="min-h-40" aria-label="Result" aria-live="polite" data-testid="workflow-result">
        {workflow.run ? (
          <RunResult run={workflow.run} onAnswer={workflow.answer} />
        ) : (
          <div className="flex h-full min-h-40 flex-col items-center justify-center rounded-xl border border-dashed border-zinc-200 text-center text-[13px] text-zinc-500">
            <SparklesIcon className="mb-2 size-6 text-zinc-300" />
            Fill in the form and press Run. Each step shows here as it finishes, then the result.
          </div>
        )}
      </section>
    </div>
  );
}

function WorkflowApp({ code, site, parameters }: { code: string; site: Site; parameters: Parameters }) {
  useDocumentTitle(site.site.title);
  const all = useMemo(() => formVariables(parameters), [parameters]);
  const variables = useMemo(() => all.filter((v) => FORM_KINDS.has(v.kind)), [all]);
  const files = useMemo(() => fileVariables(parameters), [parameters]);
  // A CSV row cannot carry files: batch runs need an app whose file inputs are optional.
  const batchBlocked = files.some((v) => v.required && !v.hide);
  const [tab, setTab] = useState<"once" | "batch">("once");

  return (
    <div className="flex min-h-dvh flex-col bg-zinc-50">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex w-full max-w-5xl items-start gap-3 px-4 py-4 sm:px-6">
          <AppIcon site={site.site} />
          <div className="min-w-0">
            <h1 className="truncate text-base font-semibold text-zinc-900">{site.site.title}</h1>
            {site.site.description && <p className="mt-0.5 text-[13px] leading-relaxed text-zinc-500">{site.site.description}</p>}
          </div>
        </div>
        <div className="mx-auto flex w-full max-w-5xl gap-1 px-4 sm:px-6" role="tablist" aria-label="Run mode">
          {(
            [
              ["once", "Run once"],
              ["batch", "Run batch"],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              onClick={() => setTab(id)}
              className={cn(
                "-mb-px cursor-pointer border-b-2 px-3 py-2 text-[13px] font-medium transition-colors",
                tab === id ? "border-zinc-900 text-zinc-900" : "border-transparent text-zinc-500 hover:text-zinc-800",
              )}
            >
              {label}
            </button>
          ))}
        </div>
      </header>

      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-5 sm:px-6 lg:py-8">
        <div className="rounded-2xl border border-zinc-200 bg-white p-4 shadow-card sm:p-5" role="tabpanel">
          {/* Both tabs stay mounted, so switching does not lose a run in progress. */}
          <div hidden={tab !== "once"}>
            <RunOnce code={code} variables={variables} files={files} />
          </div>
          <div hidden={tab !== "batch"}>
            {batchBlocked ? (
              <p className="text-[13px] text-zinc-500">
                Batch runs take every input from a CSV file, which can't carry files. Use Run once to give this app its files.
              </p>
            ) : (
              <BatchRun code={code} variables={variables} appTitle={site.site.title} />
            )}
          </div>
        </div>
      </main>
      <SiteFooter site={site.site} className="mx-auto w-full max-w-5xl justify-center px-4 pb-5" />
    </div>
  );
}
