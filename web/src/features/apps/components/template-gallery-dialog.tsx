// The template gallery: ready workflow and chatflow apps, filterable by category. Using one fetches
// its DSL (with the workspace's default model filled in) and imports it exactly as "Import DSL" does.
import { useMemo, useState } from "react";
import { useNavigate } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Dialog } from "../../../components/ui/dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { SparklesIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { errorMessage } from "../../../lib/api";
import { fetchAppTemplate, useAppTemplates } from "../api/get-app-templates";
import { useImportApp } from "../api/import-app";
import type { AppTemplate } from "../api/types";
import { AppIcon } from "./app-icon";
import { ModeBadge } from "./mode-badge";
import { Segmented } from "./segmented";

const ALL = "";

export function TemplateGalleryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const templates = useAppTemplates(open);
  const importApp = useImportApp();
  const navigate = useNavigate();
  const toast = useToast();
  const [category, setCategory] = useState(ALL);
  // The template being fetched and imported; its card shows the spinner, the others wait.
  const [using, setUsing] = useState<AppTemplate | null>(null);
  const [error, setError] = useState<{ name: string; message: string } | null>(null);

  const list = templates.data ?? [];
  const categories = useMemo(() => [...new Set(list.map((t) => t.category))].sort(), [list]);
  const shown = category ? list.filter((t) => t.category === category) : list;

  const close = () => {
    if (using) return;
    setError(null);
    setCategory(ALL);
    onClose();
  };

  const use = async (template: AppTemplate) => {
    setUsing(template);
    setError(null);
    try {
      const detail = await fetchAppTemplate(template.id);
      const result = await importApp.mutateAsync(detail.export_data);
      if (!result.app_id) {
        // Templates are written in this Kiln's own DSL version, so a pending import means the
        // server changed under us; say so rather than leave the user waiting.
        throw new Error(result.error || "The server didn't create the app. Try again.");
      }
      if (result.status === "completed-with-warnings") {
        toast({ tone: "info", title: `${template.name} created, with warnings`, description: result.warnings.join(" ") });
      } else {
        toast({ tone: "success", title: `${template.name} created` });
      }
      setUsing(null);
      setCategory(ALL);
      onClose();
      // The app's index page opens the canvas or the Prompt IDE, whichever its mode uses.
      navigate(`/apps/${result.app_id}`);
    } catch (err) {
      setUsing(null);
      setError({ name: template.name, message: errorMessage(err) });
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={!!using}
      size="lg"
      title="Start from a template"
      description="Ready workflows and chatflows. Using one creates a new app you can change freely; its model steps use your workspace's default model."
      footer={
        <Button onClick={close} disabled={!!using}>
          Close
        </Button>
      }
    >
      {templates.isPending ? (
        <LoadingState label="Loading templates…" />
      ) : templates.isError ? (
        <Alert
          tone="error"
          title="Couldn't load the templates"
          action={
            <Button size="sm" onClick={() => templates.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(templates.error)}
        </Alert>
      ) : list.length === 0 ? (
        <EmptyState
          compact
          icon={<SparklesIcon className="size-5" />}
          title="No templates"
          description="This Kiln has no app templates. Create an app from scratch or import a DSL file instead."
        />
      ) : (
        <div className="space-y-4">
          {error && (
            <Alert tone="error" title={`Couldn't create ${error.name}`}>
              {error.message}
            </Alert>
          )}
          {categories.length > 1 && (
            <div className="overflow-x-auto">
              <Segmented
                size="sm"
                label="Template category"
                value={category}
                options={[{ value: ALL, label: "All" }, ...categories.map((c) => ({ value: c, label: c }))]}
                onChange={setCategory}
              />
            </div>
          )}
          <ul className="grid max-h-[60vh] gap-3 overflow-y-auto sm:grid-cols-2" aria-label="Templates">
            {shown.map((t) => (
              <li
                key={t.id}
                aria-label={t.name}
                data-testid="template-card"
                className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-zinc-200 ring-inset"
              >
                <div className="flex items-start gap-3">
                  <AppIcon icon={t.icon} background={t.icon_background} />
                  <div className="min-w-0 flex-1">
                    <h3 className="truncate text-sm font-semibold text-zinc-900">{t.name}</h3>
                    <div className="mt-1 flex flex-wrap items-center gap-1.5">
                      <ModeBadge mode={t.mode} />
                      <span className="text-xs text-zinc-500">{t.category}</span>
                    </div>
                  </div>
                </div>
                <p className="flex-1 text-[13px] leading-relaxed text-zinc-600">{t.description}</p>
                <Button
                  size="sm"
                  variant={using?.id === t.id ? "primary" : "secondary"}
                  loading={using?.id === t.id}
                  disabled={!!using && using.id !== t.id}
                  onClick={() => use(t)}
                >
                  {using?.id === t.id ? "Creating…" : "Use this template"}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
