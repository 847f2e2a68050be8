// The "Run batch" tab: a CSV of inputs (a template to start from), every problem listed by row and
// column before anything runs, then each row's status and outputs, and the results as a CSV.
import { type ChangeEvent, useMemo, useRef, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge, type BadgeTone } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { Spinner } from "../../../components/ui/spinner";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import type { FormVariable } from "../api/types";
import { useBatchRun } from "../hooks/use-batch-run";
import { type BatchResult, type BatchRow, batchColumns, MAX_BATCH_ROWS, readBatch, resultsCsv, templateCsv } from "../lib/batch";
import { downloadText } from "../lib/download";
import { outputText } from "../lib/workflow-run";
import { StopIcon } from "./icons";

/** A CSV larger than this is not a sheet of cases someone typed. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

function statusOf(r: BatchResult, running: boolean): { tone: BadgeTone; label: string } {
  if (r.refused) return { tone: "red", label: "Refused" };
  if (!r.run) return running ? { tone: "neutral", label: "Waiting" } : { tone: "neutral", label: "Not run" };
  switch (r.run.status) {
    case "running":
      return { tone: "blue", label: "Running" };
    case "paused":
      return { tone: "amber", label: "Paused" };
    case "succeeded":
      return { tone: "green", label: "Done" };
    case "partial-succeeded":
      return { tone: "amber", label: "Done with errors" };
    case "stopped":
      return { tone: "neutral", label: "Stopped" };
    default:
      return { tone: "red", label: "Failed" };
  }
}

function RowOutputs({ result }: { result: BatchResult }) {
  const { run, refused } = result;
  if (refused) return <span className="text-red-600">{refused}</span>;
  if (!run) return null;
  if (run.status === "running") {
    const current = run.steps.findLast((s) => s.status === "running");
    return <span className="text-zinc-500">{current ? current.title : "Starting…"}</span>;
  }
  // The table has no room for a form: each opens on its own page, and the row stays paused.
  if (run.status === "paused") {
    return (
      <span className="text-amber-700">
        Paused: waiting for a form
        {run.forms
          .filter((f) => f.form_token)
          .map((f) => (
            <a key={f.form_id} href={`/form/${f.form_token}`} target="_blank" rel="noopener noreferrer" className="ml-2 font-medium underline underline-offset-2">
              Open “{f.node_title}”
            </a>
          ))}
      </span>
    );
  }
  if (run.error && run.status !== "succeeded") return <span className="text-red-600">{run.error}</span>;
  const entries = Object.entries(run.outputs ?? {});
  if (entries.length === 0) return <span className="text-zinc-400">No outputs</span>;
  return (
    <div className="space-y-1">
      {entries.map(([name, value]) => (
        <div key={name} className="line-clamp-3 whitespace-pre-wrap break-words">
          {entries.length > 1 && <span className="mr-1 font-mono text-xs text-zinc-400">{name}:</span>}
          {outputText(value)}
        </div>
      ))}
    </div>
  );
}

export function BatchRun({ code, variables, appTitle }: { code: string; variables: FormVariable[]; appTitle: string }) {
  const batch = useBatchRun(code, variables);
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; rows: BatchRow[] } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const columns = useMemo(() => batchColumns(variables), [variables]);
  const slug = appTitle.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "workflow";
  const done = batch.results.filter((r) => r.refused || (r.run && r.run.status !== "running")).length;

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files?.[0];
    e.target.value = "";
    if (!picked) return;
    setFile(null);
    batch.clear();
    if (picked.size > MAX_FILE_BYTES) {
      setProblems([`${picked.name} is larger than 2 MB. A batch runs at most ${MAX_BATCH_ROWS} rows; split the file.`]);
      return;
    }
    const read = readBatch(await picked.text(), variables);
    if (read.ok) {
      setProblems([]);
      setFile({ name: picked.name, rows: read.rows });
    } else setProblems(read.problems);
  };

  return (
    <div className="space-y-4">
      <div className="space-y-2 text-[13px] leading-relaxed text-zinc-600">
        <p>
          Run the app once per row of a CSV file. The first row names the inputs
          {columns.length ? (
            <>
              {" "}
              (<span className="font-mono text-xs">{columns.map((v) => v.variable).join(", ")}</span>)
            </>
          ) : null}
          ; every other row is one run. Up to {MAX_BATCH_ROWS} rows, 3 at a time.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => downloadText(`${slug}-template.csv`, templateCsv(variables))}>
            Download template
          </Button>
          <Button size="sm" onClick={() => fileInput.current?.click()} disabled={batch.running}>
            Upload CSV
          </Button>
          <input ref={fileInput} type="file" accept=".csv,text/csv" className="sr-only" aria-label="CSV file" onChange={onFile} />
        </div>
      </div>

      {problems.length > 0 && (
        <Alert tone="error" title="Fix these in the file, then upload it again">
          <ul className="mt-1 list-disc space-y-0.5 pl-4" data-testid="batch-problems">
            {problems.slice(0, 50).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {problems.length > 50 && <p className="mt-1">…and {problems.length - 50} more.</p>}
        </Alert>
      )}

      {file && (
        <div className="flex flex-wrap items-center gap-3 rounded-xl border border-zinc-200 bg-zinc-50 px-3 py-2.5 text-[13px]">
          <span className="min-w-0 flex-1 truncate text-zinc-700">
            <span className="font-medium">{file.name}</span>: {file.rows.length} row{file.rows.length === 1 ? "" : "s"} ready
          </span>
          {batch.running ? (
            <Button size="sm" variant="primary" icon={<StopIcon className="size-3.5" />} onClick={batch.stop} loading={batch.stopping}>
              Stop
            </Button>
          ) : (
            <Button size="sm" variant="primary" onClick={() => void batch.start(file.rows)}>
              Run batch
            </Button>
          )}
        </div>
      )}

      {batch.results.length > 0 && (
        <div className="space-y-3">
          <div className="flex items-center gap-2 text-[13px] text-zinc-600" role="status" aria-live="polite">
            {batch.running && <Spinner className="size-3.5" />}
            {done} of {batch.results.length} finished
            <Button
              size="sm"
              className="ml-auto"
              disabled={batch.running}
              onClick={() => downloadText(`${slug}-results.csv`, resultsCsv(variables, batch.results))}
            >
              Download results
            </Button>
          </div>
          <div className="rounded-xl border border-zinc-200">
            <Table data-testid="batch-results">
              <THead>
                <TR>
                  <TH className="w-12 px-3">Row</TH>
                  <TH className="px-3">Inputs</TH>
                  <TH className="w-32 px-3">Status</TH>
                  <TH className="px-3">Outputs</TH>
                </TR>
              </THead>
              <TBody>
                {batch.results.map((r) => {
                  const status = statusOf(r, batch.running);
                  return (
                    <TR key={r.row.line}>
                      <TD className="px-3 align-top tabular-nums text-zinc-500">{r.row.line}</TD>
                      <TD className="max-w-48 px-3 align-top text-[13px]">
                        <span className="line-clamp-3 break-words">
                          {columns
                            .map((v) => r.row.values[v.variable])
                            .filter(Boolean)
                            .join(" · ") || "—"}
                        </span>
                      </TD>
                      <TD className="px-3 align-top">
                        <Badge tone={status.tone}>{status.label}</Badge>
                      </TD>
                      <TD className="px-3 align-top text-[13px]">
                        <RowOutputs result={r} />
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </div>
        </div>
      )}
    </div>
  );
}
