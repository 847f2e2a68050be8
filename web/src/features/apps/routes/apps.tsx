import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { AppsIcon, PlusIcon, SearchIcon, SparklesIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { PageHeader } from "../../../components/ui/page-header";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { useCopyApp } from "../api/copy-app";
import { useDeleteApp } from "../api/delete-app";
import { useExportApp } from "../api/export-app";
import { useApps } from "../api/get-apps";
import type { App } from "../api/types";
import { AppCard } from "../components/app-card";
import { AppInfoDialog } from "../components/app-info-dialog";
import { CreateAppDialog } from "../components/create-app-dialog";
import { UploadIcon } from "../components/icons";
import { ImportDslDialog } from "../components/import-dsl-dialog";
import { Segmented } from "../components/segmented";
import { TemplateGalleryDialog } from "../components/template-gallery-dialog";
import { canEditApps, dslFileName } from "../lib/app-rules";
import { downloadText } from "../lib/download";

const MODE_FILTERS = [
  { value: "", label: "All" },
  { value: "chat", label: "Chatbots" },
  { value: "completion", label: "Text generators" },
  { value: "agent-chat", label: "Agents" },
  { value: "advanced-chat", label: "Chatflows" },
  { value: "workflow", label: "Workflows" },
];

const copyName = (app: App) => `${app.name} (copy)`;

export function AppsRoute() {
  const [params, setParams] = useSearchParams();
  const mode = params.get("mode") ?? "";
  const name = params.get("name") ?? "";
  const [search, setSearch] = useState(name);
  const workspace = useCurrentWorkspace();
  const canEdit = canEditApps(workspace.data?.role);
  const apps = useApps({ mode, name });
  const toast = useToast();

  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const [duplicating, setDuplicating] = useState<App | null>(null);
  const [deleting, setDeleting] = useState<App | null>(null);
  const copy = useCopyApp();
  const remove = useDeleteApp();
  const exportApp = useExportApp();

  const setFilter = useCallback(
    (key: "mode" | "name", value: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  // Search as the user types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search.trim() !== name) setFilter("name", search.trim());
    }, 300);
    return () => clearTimeout(timer);
  }, [search, name, setFilter]);

  const list = apps.data?.pages.flatMap((p) => p.data) ?? [];
  const total = apps.data?.pages[0]?.total ?? 0;
  const filtered = Boolean(mode || name);

  const runExport = (app: App) =>
    exportApp.mutate(app.id, {
      onSuccess: (yaml) => {
        downloadText(dslFileName(app.name), yaml);
        toast({ tone: "success", title: "DSL exported", description: `${dslFileName(app.name)} is in your downloads.` });
      },
      onError: (err) => toast({ tone: "error", title: `Couldn't export ${app.name}`, description: errorMessage(err) }),
    });

  return (
    <>
      <PageHeader
        title="Apps"
        description="Chatbots and text generators built on your models. Open one to write its prompt, try it and publish it."
        actions={
          canEdit && (
            <>
              <Button icon={<UploadIcon />} onClick={() => setImporting(true)}>
                Import DSL
              </Button>
              <Button icon={<SparklesIcon />} onClick={() => setBrowsing(true)}>
                From template
              </Button>
              <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
                Create app
              </Button>
            </>
          )
        }
      />

      <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
        <Segmented label="App type" value={mode} options={MODE_FILTERS} onChange={(v) => setFilter("mode", v)} />
        <div className="relative w-full max-w-xs">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" />
          <Input
            type="search"
            aria-label="Search apps by name"
            placeholder="Search by name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-9"
          />
        </div>
      </div>

      {apps.isPending ? (
        <LoadingState label="Loading apps…" />
      ) : apps.isError ? (
        <Alert
          tone="error"
          title="Couldn't load the apps"
          action={
            <Button size="sm" onClick={() => apps.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(apps.error)}
        </Alert>
      ) : list.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchIcon className="size-5" />}
            title="No apps match"
            description={name ? `No app's name contains “${name}”${mode ? " among this type" : ""}.` : "No apps of this type yet."}
            action={
              <Button
                onClick={() => {
                  setSearch("");
                  setParams(new URLSearchParams(), { replace: true });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<AppsIcon className="size-5" />}
            title="No apps yet"
            description={
              canEdit
                ? "Create a chatbot or a text generator, start from a template, or import a DSL file exported from Kiln or Dify."
                : "Apps your team builds appear here. Ask an editor or admin to create one."
            }
            action={
              canEdit && (
                <>
                  <Button icon={<UploadIcon />} onClick={() => setImporting(true)}>
                    Import DSL
                  </Button>
                  <Button icon={<SparklesIcon />} onClick={() => setBrowsing(true)}>
                    From template
                  </Button>
                  <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
                    Create app
                  </Button>
                </>
              )
            }
          />
        )
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {list.map((app) => (
              <AppCard
                key={app.id}
                app={app}
                canEdit={canEdit}
                onDuplicate={setDuplicating}
                onExport={runExport}
                onDelete={setDeleting}
              />
            ))}
          </div>
          <div className="mt-6 flex items-center justify-center gap-3 text-[13px] text-zinc-500">
            <span>
              {list.length} of {total} app{total === 1 ? "" : "s"}
            </span>
            {apps.hasNextPage && (
              <Button size="sm" onClick={() => apps.fetchNextPage()} loading={apps.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </div>
        </>
      )}

      {canEdit && (
        <>
          <CreateAppDialog open={creating} onClose={() => setCreating(false)} />
          <ImportDslDialog open={importing} onClose={() => setImporting(false)} />
          <TemplateGalleryDialog open={browsing} onClose={() => setBrowsing(false)} />
          <AppInfoDialog
            app={duplicating}
            title="Duplicate app"
            description="Copies the app's draft prompt and settings; not its logs, API keys or versions."
            submitLabel="Duplicate"
            initialName={copyName}
            pending={copy.isPending}
            error={copy.error}
            onClose={() => {
              setDuplicating(null);
              copy.reset();
            }}
            onSubmit={(form) =>
              copy.mutate(
                { appId: duplicating!.id, ...form, icon_type: "emoji" },
                {
                  onSuccess: (created) => {
                    setDuplicating(null);
                    toast({ tone: "success", title: `${created.name} created` });
                  },
                },
              )
            }
          />
          <ConfirmDialog
            open={!!deleting}
            onClose={() => {
              setDeleting(null);
              remove.reset();
            }}
            onConfirm={() =>
              remove.mutate(deleting!.id, {
                onSuccess: () => {
                  toast({ tone: "success", title: `${deleting!.name} deleted` });
                  setDeleting(null);
                },
              })
            }
            title={`Delete ${deleting?.name ?? "app"}?`}
            description="Its versions, conversations, logs and API keys are deleted too, and its WebApp and API stop answering. This can't be undone."
            confirmLabel="Delete app"
            pending={remove.isPending}
            error={remove.error}
          />
        </>
      )}
    </>
  );
}
