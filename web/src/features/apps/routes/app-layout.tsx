// The frame of one app: its icon and name, a sub-nav to its pages, and the page itself.
import type { ReactNode } from "react";
import { useState } from "react";
import { Link, Navigate, NavLink, Outlet, useOutletContext, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { AnnotationIcon } from "../../annotations/components/icons";
import { ChartIcon } from "../../monitoring/components/icons";
import { CodeIcon, SparklesIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage, isApiError } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useApp } from "../api/get-app";
import { useUpdateApp } from "../api/update-app";
import { AppIcon } from "../components/app-icon";
import { AppInfoDialog } from "../components/app-info-dialog";
import { ArrowLeftIcon, GaugeIcon, ListIcon, PenIcon } from "../components/icons";
import { ModeBadge } from "../components/mode-badge";
import type { AppContext } from "../hooks/use-app-context";
import { appHomePath, canEditApps, isFlowMode } from "../lib/app-rules";

const NAV: { to: string; label: string; icon: ReactNode }[] = [
  { to: "overview", label: "Overview", icon: <GaugeIcon /> },
  { to: "configuration", label: "Prompt IDE", icon: <SparklesIcon /> },
  { to: "develop", label: "API access", icon: <CodeIcon /> },
  { to: "logs", label: "Logs", icon: <ListIcon /> },
  { to: "monitoring", label: "Monitoring", icon: <ChartIcon /> },
  { to: "annotations", label: "Annotations", icon: <AnnotationIcon /> },
];

/** /apps/:appId itself: the page the app's mode opens on. */
export function AppIndexRoute() {
  const { app } = useOutletContext<AppContext>();
  return <Navigate to={appHomePath(app.id, app.mode)} replace />;
}

export function AppLayoutRoute() {
  const { appId = "" } = useParams();
  const app = useApp(appId);
  const workspace = useCurrentWorkspace();
  const canEdit = canEditApps(workspace.data?.role);
  const [editing, setEditing] = useState(false);
  const update = useUpdateApp(appId);
  const toast = useToast();

  if (app.isPending) return <LoadingState label="Loading the app…" className="py-24" />;
  if (app.isError) {
    return (
      <div className="mx-auto max-w-3xl px-8 py-10">
        {isApiError(app.error) && app.error.status === 404 ? (
          <EmptyState
            title="App not found"
            description="It may have been deleted, or it belongs to another workspace. Switch workspace or go back to your apps."
            action={
              <Link to="/apps" className={buttonClasses("secondary")}>
                Back to apps
              </Link>
            }
          />
        ) : (
          <Alert
            tone="error"
            title="Couldn't load the app"
            action={
              <Button size="sm" onClick={() => app.refetch()}>
                Try again
              </Button>
            }
          >
            {errorMessage(app.error)}
          </Alert>
        )}
      </div>
    );
  }

  const context: AppContext = { app: app.data, canEdit };
  return (
    <div className="flex h-[calc(100vh-3.5rem)] min-h-0">
      <aside className="flex w-52 shrink-0 flex-col border-r border-zinc-200 bg-white" aria-label="App">
        <div className="border-b border-zinc-100 p-3">
          <Link
            to="/apps"
            className="mb-3 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800"
          >
            <ArrowLeftIcon className="size-3.5" /> All apps
          </Link>
          <div className="flex items-start gap-2.5 px-1">
            <AppIcon icon={app.data.icon} background={app.data.icon_background} />
            <div className="min-w-0 flex-1">
              <p className="line-clamp-2 text-sm font-semibold break-words text-zinc-900" title={app.data.name} data-testid="app-name">
                {app.data.name}
              </p>
              <div className="mt-1">
                <ModeBadge mode={app.data.mode} />
              </div>
            </div>
            {canEdit && (
              <button
                type="button"
                onClick={() => setEditing(true)}
                aria-label="Edit name and icon"
                title="Edit name and icon"
                className="cursor-pointer rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
              >
                <PenIcon className="size-3.5" />
              </button>
            )}
          </div>
        </div>
        <nav className="space-y-0.5 p-2" aria-label="App pages">
          {(isFlowMode(app.data.mode) ? NAV.map((item) => (item.to === "configuration" ? { ...item, to: "workflow", label: "Workflow" } : item)) : NAV).map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) =>
                cn(
                  "flex items-center gap-2.5 rounded-lg px-2.5 py-[7px] text-[13px] font-medium transition-colors",
                  isActive ? "bg-brand-50 text-brand-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900",
                )
              }
            >
              {({ isActive }) => (
                <>
                  <span className={isActive ? "text-brand-600" : "text-zinc-400"}>{item.icon}</span>
                  {item.label}
                </>
              )}
            </NavLink>
          ))}
        </nav>
      </aside>
      <div className="min-w-0 flex-1 overflow-y-auto">
        <Outlet context={context} />
      </div>
      {canEdit && (
        <AppInfoDialog
          app={editing ? app.data : null}
          title="Edit app"
          submitLabel="Save"
          pending={update.isPending}
          error={update.error}
          onClose={() => {
            setEditing(false);
            update.reset();
          }}
          onSubmit={(form) =>
            update.mutate(
              { ...form, icon_type: "emoji" },
              {
                onSuccess: () => {
                  setEditing(false);
                  toast({ tone: "success", title: "App updated" });
                },
              },
            )
          }
        />
      )}
    </div>
  );
}

