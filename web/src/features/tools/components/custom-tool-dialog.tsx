// Create or edit a custom API tool provider: an OpenAPI / Swagger document (pasted or fetched from
// a URL) or a single HTTP call, its auth, a live preview of the tools with a test before saving.
import { type FormEvent, useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { Field, Input, Textarea } from "../../../components/ui/input";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { useAddApiProvider, useApiProvider, useUpdateApiProvider } from "../api/api-providers";
import { useFetchRemoteSchema } from "../api/fetch-remote-schema";
import type { ApiProviderDetail, ApiProviderInput } from "../api/types";
import { Segmented } from "./segmented";
import { useSchemaPreview } from "../hooks/use-schema-preview";
import { type AuthForm, authProblem, EMPTY_AUTH, fromCredentials, toCredentials } from "../lib/auth";
import { EMPTY_SINGLE, readSingleCall, type SingleCall, singleCallProblem, singleCallSchema } from "../lib/single-call";
import { AuthFields } from "./auth-fields";
import { SchemaPreview } from "./schema-preview";
import { SingleCallFields } from "./single-call-fields";

export type CustomToolTarget = { kind: "new"; source: "document" | "single" } | { kind: "edit"; name: string };

export function CustomToolDialog({ target, onClose }: { target: CustomToolTarget | null; onClose: () => void }) {
  const editing = target?.kind === "edit" ? target.name : null;
  const stored = useApiProvider(editing);
  const [busy, setBusy] = useState(false);
  const title = editing ? `Edit ${editing}` : target?.kind === "new" && target.source === "single" ? "Single HTTP call" : "Create custom tool";
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      busy={busy}
      size="lg"
      title={title}
      description="Tools from your own HTTP API. Agents and workflows can call them once saved."
    >
      {target === null ? null : editing && stored.isPending ? (
        <LoadingState label="Loading the tool…" />
      ) : editing && stored.isError ? (
        <Alert tone="error" title="Couldn't load the tool">
          {errorMessage(stored.error)}
        </Alert>
      ) : (
        <CustomToolForm
          key={editing ?? (target.kind === "new" ? target.source : "")}
          stored={editing ? stored.data : undefined}
          initialSource={target.kind === "new" ? target.source : undefined}
          onBusy={setBusy}
          onDone={onClose}
        />
      )}
    </Dialog>
  );
}

interface FormState {
  name: string;
  icon: string;
  description: string;
  source: "document" | "single";
  document: string;
  single: SingleCall;
  auth: AuthForm;
}

function initialState(stored: ApiProviderDetail | undefined, source: "document" | "single" | undefined): FormState {
  if (!stored) return { name: "", icon: "🔧", description: "", source: source ?? "document", document: "", single: EMPTY_SINGLE, auth: EMPTY_AUTH };
  const isSingle = stored.schema_type === "single";
  return {
    name: stored.name,
    icon: stored.icon?.content || "🔧",
    description: stored.description ?? "",
    source: isSingle ? "single" : "document",
    document: isSingle ? "" : stored.schema,
    single: isSingle ? readSingleCall(stored.schema) : EMPTY_SINGLE,
    auth: fromCredentials(stored.credentials),
  };
}


function CustomToolForm({
  stored,
  initialSource,
  onBusy,
  onDone,
}: {
  stored?: ApiProviderDetail;
  initialSource?: "document" | "single";
  onBusy: (busy: boolean) => void;
  onDone: () => void;
}) {
  const [form, setForm] = useState<FormState>(() => initialState(stored, initialSource));
  const [url, setUrl] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const remote = useFetchRemoteSchema();
  const add = useAddApiProvider();
  const update = useUpdateApiProvider();
  const toast = useToast();
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const singleProblem = form.source === "single" ? singleCallProblem(form.single) : null;
  const schema = form.source === "single" ? (singleProblem ? "" : singleCallSchema(form.single)) : form.document;
  const preview = useSchemaPreview(schema, form.source === "single" ? "single" : undefined);
  const credentials = toCredentials(form.auth);
  const auth = authProblem(form.auth);
  const saving = add.isPending || update.isPending;
  const saveError = add.error ?? update.error;

  const fetchRemote = () => {
    if (!/^https?:\/\/\S+$/.test(url.trim())) return remote.reset();
    remote.mutate(url.trim(), { onSuccess: (r) => set({ document: r.schema }) });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitError(null);
    const name = form.name.trim();
    if (!name || name.length > 60) {
      setNameError(name ? "Keep the name to 60 characters." : "Give the tool a name.");
      return;
    }
    setNameError(null);
    const problem = singleProblem ?? auth ?? (schema.trim() ? null : "Paste an OpenAPI document, or fetch one from its URL.");
    if (problem) return setSubmitError(problem);
    if (preview.isError) return setSubmitError("Fix the problems with the document first.");
    const input: ApiProviderInput = {
      provider: name,
      icon: { type: "emoji", content: form.icon || "🔧", background: stored?.icon?.background ?? "#EFF1F5" },
      description: form.description.trim(),
      credentials,
      schema_type: form.source === "single" ? "single" : (preview.data?.schema_type ?? "openapi"),
      schema,
    };
    onBusy(true);
    const done = {
      onSuccess: () => {
        toast({ tone: "success", title: stored ? `${name} saved` : `${name} added`, description: "Its tools are ready for agents and workflows." });
        onDone();
      },
      onSettled: () => onBusy(false),
    };
    if (stored) update.mutate({ ...input, original_provider: stored.name }, done);
    else add.mutate(input, done);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5" data-testid="custom-tool-form">
      <div className="grid grid-cols-[4.5rem_1fr] gap-3">
        <Field label="Icon">
          {(id) => <Input id={id} value={form.icon} maxLength={4} onChange={(e) => set({ icon: e.target.value })} className="text-center text-lg" aria-label="Icon emoji" />}
        </Field>
        <Field label="Name" error={nameError}>
          {(id, describedBy) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={nameError ? true : undefined}
              data-testid="custom-tool-name"
              value={form.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="Weather API"
            />
          )}
        </Field>
      </div>
      <Field label="Description" optional>
        {(id) => <Input id={id} data-testid="custom-tool-description" value={form.description} onChange={(e) => set({ description: e.target.value })} />}
      </Field>

      <div className="space-y-3">
        <Segmented
          label="Defined by"
          testIdPrefix="custom-tool-source"
          value={form.source}
          onChange={(source) => set({ source })}
          options={[
            { value: "document", label: "OpenAPI document" },
            { value: "single", label: "Single HTTP call" },
          ]}
        />
        {form.source === "document" ? (
          <div className="space-y-3">
            <div className="flex items-end gap-2">
              <Field label="Import from URL" optional className="flex-1">
                {(id) => (
                  <Input
                    id={id}
                    data-testid="custom-tool-schema-url"
                    value={url}
                    onChange={(e) => setUrl(e.target.value)}
                    placeholder="https://api.example.com/openapi.json"
                    className="font-mono text-[13px]"
                  />
                )}
              </Field>
              <Button onClick={fetchRemote} loading={remote.isPending} disabled={!url.trim()} data-testid="custom-tool-schema-fetch">
                {remote.isPending ? "Fetching…" : "Fetch"}
              </Button>
            </div>
            {remote.error ? (
              <Alert tone="error" title="Couldn't fetch the document">
                {errorMessage(remote.error)}
              </Alert>
            ) : null}
            <Field label="Schema" hint="An OpenAPI 3 or Swagger 2 document, in JSON or YAML.">
              {(id, describedBy) => (
                <Textarea
                  id={id}
                  aria-describedby={describedBy}
                  data-testid="custom-tool-schema"
                  value={form.document}
                  onChange={(e) => set({ document: e.target.value })}
                  rows={10}
                  spellCheck={false}
                  className="font-mono text-xs"
                  placeholder={'openapi: 3.0.0\ninfo: {title: Weather, version: "1"}\nservers: [{url: https://api.example.com}]\npaths: …'}
                />
              )}
            </Field>
          </div>
        ) : (
          <SingleCallFields value={form.single} onChange={(single) => set({ single })} />
        )}
      </div>

      <AuthFields value={form.auth} onChange={(a) => set({ auth: a })} />

      <div className="space-y-2">
        <p className="text-[13px] font-medium text-zinc-700">Available tools</p>
        {form.source === "single" && singleProblem ? (
          <p className="text-[13px] text-zinc-500">{singleProblem}</p>
        ) : (
          <SchemaPreview
            data={preview.data}
            error={preview.error}
            loading={preview.isFetching || preview.settling}
            empty={!schema.trim()}
            schema={preview.parsedText}
            credentials={credentials}
            authProblem={auth}
            providerName={stored?.name}
          />
        )}
      </div>

      {submitError && <Alert tone="error">{submitError}</Alert>}
      {saveError ? (
        <Alert tone="error" title="Couldn't save the tool">
          {errorMessage(saveError)}
        </Alert>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-zinc-100 pt-4">
        <Button onClick={onDone} disabled={saving}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={saving} data-testid="custom-tool-save">
          {stored ? "Save" : "Add tool"}
        </Button>
      </div>
    </form>
  );
}
