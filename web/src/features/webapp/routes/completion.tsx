// The public completion page `/completion/:code`: the variable form, Generate, and the answer
// streaming in beside it (below it on phones), with stop, copy, like/dislike and read aloud.
import { useEffect, useMemo, useRef, useState } from "react";
import { Navigate, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { CopyButton } from "../../../components/ui/copy-button";
import { SparklesIcon } from "../../../components/ui/icons";
import { Spinner } from "../../../components/ui/spinner";
import { useParameters } from "../api/get-parameters";
import { useSite } from "../api/get-site";
import { formVariables, type Parameters, type Site } from "../api/types";
import { AppIcon } from "../components/app-icon";
import { Citations } from "../components/citations";
import { FeedbackButtons } from "../components/feedback-buttons";
import { StopIcon } from "../components/icons";
import { FileInput } from "../../../components/file-inputs";
import { messageFileRefs, messageFilesInput, type PickedFile, validateFiles } from "../../../lib/file-inputs";
import { uploadFile } from "../api/upload-file";
import { InputsForm } from "../components/inputs-form";
import { Markdown } from "../../../components/markdown";
import { PageError, PageLoading } from "../components/page-state";
import { ReadAloudButton } from "../components/read-aloud-button";
import { SiteFooter } from "../components/site-footer";
import { useCompletion } from "../hooks/use-completion";
import { useDocumentTitle } from "../hooks/use-document-title";
import { useReadAloud } from "../hooks/use-read-aloud";
import { initialValues, toInputs, validateValues } from "../lib/inputs";
import { webappPath } from "../lib/webapp-path";

export function WebAppCompletionRoute() {
  const code = useParams().code ?? "";
  const site = useSite(code);
  const parameters = useParameters(code);
  if (site.isError || parameters.isError) return <PageError error={site.error ?? parameters.error} />;
  if (site.isPending || parameters.isPending) return <PageLoading />;
  if (site.data.mode !== "completion") return <Navigate to={webappPath(site.data.mode, code)} replace />;
  return <CompletionApp code={code} site={site.data} parameters={parameters.data} />;
}

function CompletionApp({ code, site, parameters }: { code: string; site: Site; parameters: Parameters }) {
  useDocumentTitle(site.site.title);
  const variables = useMemo(() => formVariables(parameters), [parameters]);
  const [values, setValues] = useState(() => initialValues(variables));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const completion = useCompletion(code);
  // Files for the run, when the app takes them (its file_upload setting).
  const filesInput = useMemo(() => messageFilesInput(parameters.file_upload, "Attachments"), [parameters.file_upload]);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { result } = completion;
  const streaming = result?.status === "streaming";
  const readAloud = useReadAloud(code);
  const stopReading = readAloud.stop;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result silences the previous one
  useEffect(() => stopReading(), [result?.messageId, stopReading]);

  const resultRef = useRef<HTMLElement>(null);

  const generate = () => {
    const found = { ...validateValues(variables, values), ...(filesInput ? validateFiles([filesInput], { files }) : {}) };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void completion.generate(toInputs(variables, values), filesInput ? messageFileRefs(filesInput, files) : []);
    // On phones the result is below the form: bring it into view.
    resultRef.current?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  };

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
      </header>

      <main className="mx-auto grid w-full max-w-5xl flex-1 content-start items-start gap-4 px-4 py-5 sm:px-6 lg:grid-cols-[minmax(0,380px)_minmax(0,1fr)] lg:gap-6 lg:py-8">
        <section className="rounded-2xl border border-zinc-200 bg-white p-4 shadow-card sm:p-5" aria-label="Inputs">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!streaming) generate();
            }}
            className="space-y-5"
          >
            {variables.some((v) => !v.hide) ? (
              <InputsForm
                variables={variables}
                values={values}
                errors={errors}
                disabled={streaming}
                onChange={(name, value) => {
                  setValues((v) => ({ ...v, [name]: value }));
                  setErrors(({ [name]: _, ...rest }) => rest);
                }}
              />
            ) : (
              <p className="text-[13px] text-zinc-500">This app needs no input. Press Generate to run it.</p>
            )}
            {filesInput && (
              <FileInput
                upload={(file) => uploadFile(code, file)}
                variable={filesInput}
                files={files}
                error={errors.files}
                disabled={streaming}
                onUpdate={(_, change) => {
                  setFiles(change);
                  setErrors(({ files: _files, ...rest }) => rest);
                }}
              />
            )}
            {completion.refused && <Alert tone="error">{completion.refused}</Alert>}
            <div className="flex items-center justify-end gap-2">
              <Button
                onClick={() => {
                  setValues(initialValues(variables));
                  setFiles([]);
                  setErrors({});
                  completion.clear();
                }}
                disabled={streaming}
              >
                Clear
              </Button>
              {streaming ? (
                <Button variant="primary" icon={<StopIcon className="size-3.5" />} onClick={completion.stop} loading={completion.stopping}>
                  Stop
                </Button>
              ) : (
                <Button type="submit" variant="primary" icon={<SparklesIcon />}>
                  Generate
                </Button>
              )}
            </div>
          </form>
        </section>

        <section
          ref={resultRef}
          className="min-h-48 rounded-2xl border border-zinc-200 bg-white p-4 shadow-card sm:p-5"
          aria-label="Result"
          aria-live="polite"
          data-testid="completion-result"
        >
          {!result ? (
            <div className="flex h-full min-h-40 flex-col items-center justify-center text-center text-[13px] text-zinc-500">
              <SparklesIcon className="mb-2 size-6 text-zinc-300" />
              Fill in the form and press Generate. The result appears here.
            </div>
          ) : (
            <div className="space-y-3">
              {result.answer ? (
                <Markdown text={result.answer} className="text-zinc-800" />
              ) : streaming ? (
                <div className="flex items-center gap-2 text-[13px] text-zinc-500" role="status">
                  <Spinner /> Writing…
                </div>
              ) : null}
              {result.status === "error" && (
                <Alert tone="error" title="The app couldn't finish">
                  {result.error} Press Generate to try again.
                </Alert>
              )}
              {result.status === "stopped" && <p className="text-xs text-zinc-400">Stopped</p>}
              {!streaming && result.status !== "error" && <Citations resources={result.citations} className="pt-1" />}
              {!streaming && result.answer && result.status !== "error" && (
                <div className="flex flex-wrap items-center gap-1 border-t border-zinc-100 pt-2">
                  <FeedbackButtons rating={result.feedback} onRate={completion.rate} />
                  {parameters.text_to_speech?.enabled && result.messageId && (
                    <ReadAloudButton messageId={result.messageId} player={readAloud} />
                  )}
                  <div className="ml-auto">
                    <CopyButton text={result.answer} />
                  </div>
                </div>
              )}
            </div>
          )}
        </section>
      </main>
      <SiteFooter site={site.site} className="mx-auto w-full max-w-5xl justify-center px-4 pb-5" />
    </div>
  );
}
