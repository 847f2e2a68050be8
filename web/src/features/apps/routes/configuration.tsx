import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { useToast } from "../../../components/ui/toast";
import { formatDateTime, formatRelative } from "../../../lib/format";
import { useVersions } from "../api/get-versions";
import { usePublishApp } from "../api/publish-app";
import { useRestoreVersion } from "../api/restore-version";
import { useSaveModelConfig } from "../api/save-model-config";
import type { AppDetail, AppVersion, EasyMode, ModelConfig } from "../api/types";
import { ConfigPanel } from "../components/config-panel";
import { DebugHeaderActions, DebugPanel } from "../components/debug-panel";
import { HistoryIcon, RocketIcon } from "../components/icons";
import { PublishDialog } from "../components/publish-dialog";
import { SaveIndicator } from "../components/save-indicator";
import { VersionsDrawer } from "../components/versions-drawer";
import { useAppContext } from "../hooks/use-app-context";
import { useAutosave } from "../hooks/use-autosave";
import { isEasyMode, modeLabel } from "../lib/app-rules";
import { readCompareHandoff } from "../lib/compare-handoff";
import { draftProblem } from "../lib/draft";
import { sameConfig } from "../lib/same-config";

export function ConfigurationRoute() {
  const { app, canEdit } = useAppContext();
  if (!isEasyMode(app.mode)) {
    return (
      <div className="p-8">
        <Alert tone="info" title={`${modeLabel(app.mode)} apps can't be edited here yet`}>
          Kiln's studio edits chatbots and text generators. This app's API and logs still work.
        </Alert>
      </div>
    );
  }
  return <PromptIde key={app.id} app={app} mode={app.mode} canEdit={canEdit} />;
}

function PromptIde({ app, mode, canEdit }: { app: AppDetail; mode: EasyMode; canEdit: boolean }) {
  const [draft, setDraft] = useState<ModelConfig>(app.model_config);
  const [params] = useSearchParams();
  const [handoff] = useState(() => readCompareHandoff(params));
  const [comparing, setComparing] = useState(handoff !== null);
  const [publishing, setPublishing] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const save = useSaveModelConfig(app.id);
  const autosave = useAutosave(draft, canEdit ? save.mutateAsync : () => Promise.resolve(), { blocked: draftProblem(draft) });
  const versions = useVersions(app.id);
  const publish = usePublishApp(app.id);
  const restore = useRestoreVersion(app.id);
  const toast = useToast();
  const [publishError, setPublishError] = useState<unknown>(null);

  const live = versions.data?.find((v) => v.is_current) ?? null;
  const nextVersion = (versions.data?.[0]?.version ?? 0) + 1;
  const changed = live ? !sameConfig(draft, live.model_config) : true;

  const runPublish = async (input: { marked_name?: string; marked_comment?: string }) => {
    setPublishError(null);
    try {
      // Publishing takes the saved draft: save what is on screen first.
      await autosave.flush();
      const published = await publish.mutateAsync(input);
      setPublishing(false);
      toast({ tone: "success", title: `Version ${published.version} is live`, description: "The API and the WebApp now answer with it." });
    } catch (err) {
      setPublishError(err);
    }
  };

  const runRestore = async (version: AppVersion) => {
    const restored = await restore.mutateAsync(version.id);
    autosave.markSaved(restored.model_config);
    setDraft(restored.model_config);
    setShowVersions(false);
    toast({ tone: "success", title: `Version ${version.version} restored into the draft`, description: "Publish to serve it." });
  };

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-5">
        <h1 className="text-sm font-semibold text-zinc-900">Prompt IDE</h1>
        {canEdit && <SaveIndicator state={autosave.state} onRetry={() => void autosave.flush().catch(() => {})} />}
        <div className="ml-auto flex items-center gap-2">
          <span className="hidden text-xs text-zinc-500 lg:inline" data-testid="published-version">
            {live ? (
              <span title={formatDateTime(live.created_at)}>
                Live: version {live.version}
                {live.marked_name ? ` · ${live.marked_name}` : ""} · {formatRelative(live.created_at)}
              </span>
            ) : versions.isPending ? null : (
              "Not published yet"
            )}
          </span>
          {live && changed && canEdit && <Badge tone="amber">Unpublished changes</Badge>}
          <Button size="sm" variant="ghost" icon={<HistoryIcon className="size-3.5" />} onClick={() => setShowVersions(true)}>
            Versions
          </Button>
          {canEdit && (
            <Button
              size="sm"
              variant="primary"
              icon={<RocketIcon className="size-3.5" />}
              onClick={() => {
                setPublishError(null);
                publish.reset();
                setPublishing(true);
              }}
            >
              Publish
            </Button>
          )}
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        {!comparing && (
          <div className="w-1/2 min-w-[26rem] overflow-y-auto bg-zinc-50 px-5 py-5" data-testid="config-panel">
            {!canEdit && (
              <Alert tone="info" className="mb-4">
                You can look at this app's settings; only owners, admins and editors can change or debug it.
              </Alert>
            )}
            <ConfigPanel mode={mode} draft={draft} setDraft={setDraft} disabled={!canEdit} />
          </div>
        )}
        <section className="flex min-w-0 flex-1 flex-col border-l border-zinc-200 bg-white" aria-label="Debug and preview">
          <div className="flex h-11 shrink-0 items-center justify-between gap-2 border-b border-zinc-200 px-4">
            <h2 className="text-[13px] font-semibold text-zinc-900">Debug & preview</h2>
            {canEdit && <DebugHeaderActions comparing={comparing} onCompareChange={setComparing} />}
          </div>
          {canEdit ? (
            <DebugPanel appId={app.id} mode={mode} draft={draft} comparing={comparing} compareWith={handoff} />
          ) : (
            <p className="px-6 py-10 text-center text-[13px] text-zinc-500">Debugging runs the app as you, so it needs an editor role.</p>
          )}
        </section>
      </div>
      <PublishDialog
        open={publishing}
        current={live}
        nextVersion={nextVersion}
        pending={publish.isPending || autosave.state.status === "saving"}
        error={publishError}
        onClose={() => setPublishing(false)}
        onPublish={(input) => void runPublish(input)}
      />
      <VersionsDrawer
        open={showVersions}
        onClose={() => setShowVersions(false)}
        versions={versions.data}
        loading={versions.isPending}
        loadError={versions.error}
        canEdit={canEdit}
        restoring={restore.isPending}
        restoreError={restore.error}
        onRestore={runRestore}
      />
    </div>
  );
}
