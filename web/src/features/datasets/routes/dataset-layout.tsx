// The frame of one knowledge base: its name and index mode, a sub-nav to its pages, and the page.
import type { ReactNode } from "react";
import { Link, NavLink, Outlet, useParams } from "react-router-dom";
import { Alert } from "../../../components/ui/alert";
import { Button, buttonClasses } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { BookIcon, SettingsIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage, isApiError } from "../../../lib/api";
import { cn } from "../../../lib/cn";
import { useDataset } from "../api/get-dataset";
import { IndexModeBadge } from "../components/badges";
import { ArrowLeftIcon, FilesIcon, TargetIcon, UploadIcon } from "../components/icons";
import type { DatasetContext } from "../hooks/use-dataset-context";
import { canEditKnowledge } from "../lib/dataset-rules";
import { formatCount } from "../lib/document-status";

const NAV: { to: string; label: string; icon: ReactNode; edit?: boolean }[] = [
  { to: "documents", label: "Documents", icon: <FilesIcon /> },
  { to: "add", label: "Add documents", icon: <UploadIcon />, edit: true },
  { to: "hit-testing", label: "Retrieval testing", icon: <TargetIcon /> },
  { to: "settings", label: "Settings", icon: <SettingsIcon /> },
];

export function DatasetLayoutRoute() {
  const { datasetId = "" } = useParams();
  const dataset = useDataset(datasetId);
  const workspace = useCurrentWorkspace();
  const canEdit = canEditKnowledge(workspace.data?.role);

  if (dataset.isPending) return <LoadingState label="Loading the knowledge base…" className="py-24" />;
  if (dataset.isError) {
    return (
      <div className="mx-auto max-w-3xl px-8 py-10">
        {isApiError(dataset.error) && dataset.error.status === 404 ? (
          <EmptyState
            title="Knowledge base not found"
            description="It may have been deleted, be visible only to its creator, or belong to another workspace."
            action={
              <Link to="/datasets" className={buttonClasses("secondary")}>
                Back to knowledge
              </Link>
            }
          />
        ) : (
          <Alert
            tone="error"
            title="Couldn't load the knowledge base"
            action={
              <Button size="sm" onClick={() => dataset.refetch()}>
                Try again
              </Button>
            }
          >
            {errorMessage(dataset.error)}
          </Alert>
        )}
      </div>
    );
  }

  const d = dataset.data;
  const context: DatasetContext = { dataset: d, canEdit };
  return (
    <div className="flex min-h-[calc(100vh-3.5rem)]">
      <aside className="sticky top-14 flex h-[calc(100vh-3.5rem)] w-56 shrink-0 flex-col border-r border-zinc-200 bg-white" aria-label="Knowledge base">
        <div className="border-b border-zinc-100 p-3">
          <Link
            to="/datasets"
            className="mb-3 inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-xs font-medium text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800"
          >
            <ArrowLeftIcon className="size-3.5" /> All knowledge
          </Link>
          <div className="flex items-start gap-2.5 px-1">
            <span className="flex size-9 shrink-0 items-center justify-center rounded-lg border border-orange-100 bg-orange-50 text-brand-600">
              <BookIcon className="size-[18px]" />
            </span>
            <div className="min-w-0 flex-1">
              <p className="line-clamp-2 text-sm font-semibold break-words text-zinc-900" title={d.name} data-testid="dataset-name">
                {d.name}
              </p>
              <div className="mt-1">
                <IndexModeBadge technique={d.indexing_technique} />
              </div>
            </div>
          </div>
          {d.description && <p className="mt-2.5 line-clamp-3 px-1 text-xs leading-relaxed text-zinc-500">{d.description}</p>}
          <dl className="mt-3 grid grid-cols-3 gap-1 px-1 text-center">
            {[
              ["Docs", d.document_count],
              ["Chars", d.word_count],
              ["Apps", d.app_count],
            ].map(([label, value]) => (
              <div key={label} className="rounded-md bg-zinc-50 py-1.5">
                <dd className="text-[13px] font-semibold text-zinc-900">{formatCount(Number(value))}</dd>
                <dt className="text-[10px] tracking-wide text-zinc-400 uppercase">{label}</dt>
              </div>
            ))}
          </dl>
        </div>
        <nav className="space-y-0.5 p-2" aria-label="Knowledge pages">
          {NAV.filter((item) => canEdit || !item.edit).map((item) => (
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
      <div className="min-w-0 flex-1">
        <Outlet context={context} />
      </div>
    </div>
  );
}
