// The published versions, newest first; restoring one copies it into the draft.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { XIcon } from "../../../components/ui/icons";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { formatDateTime } from "../../../lib/format";
import { usePublishedVersions, useRestoreVersion } from "../api/versions";
import type { PublishedWorkflow } from "../api/types";

interface VersionsPanelProps {
  appId: string;
  canEdit: boolean;
  onClose: () => void;
  onRestored: () => void;
}

export function VersionsPanel({ appId, canEdit, onClose, onRestored }: VersionsPanelProps) {
  const versions = usePublishedVersions(appId);
  const restore = useRestoreVersion(appId);
  const [restoring, setRestoring] = useState<PublishedWorkflow | null>(null);
  const items = versions.data?.items ?? [];
  return (
    <aside className="flex w-[340px] shrink-0 flex-col overflow-hidden border-l border-zinc-200 bg-white" aria-label="Versions" data-testid="versions-panel">
      <div className="flex items-center gap-2 border-b border-zinc-100 px-4 py-3">
        <h3 className="flex-1 text-sm font-semibold text-zinc-900">Published versions</h3>
        <button type="button" onClick={onClose} aria-label="Close versions" className="cursor-pointer rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700">
          <XIcon />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {versions.isPending ? (
          <LoadingState label="Loading versions…" className="py-10" />
        ) : versions.isError ? (
          <Alert tone="error" title="Couldn't load the versions">
            {errorMessage(versions.error)}
          </Alert>
        ) : items.length === 0 ? (
          <EmptyState compact title="Not published yet" description="Publish the draft to make it the version the API and WebApp run." />
        ) : (
          <ul className="space-y-2">
            {items.map((v, i) => (
              <li key={v.id} className="rounded-lg border border-zinc-200 p-3" data-testid="version-row">
                <div className="flex items-center gap-2">
                  <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-900">{v.marked_name || `Version ${v.version}`}</span>
                  {i === 0 && (
                    <Badge tone="green" dot>
                      Live
                    </Badge>
                  )}
                </div>
                {v.marked_comment && <p className="mt-1 text-xs text-zinc-600">{v.marked_comment}</p>}
                <p className="mt-1 text-xs text-zinc-400">
                  {formatDateTime(v.created_at)}
                  {v.created_by?.name ? ` · ${v.created_by.name}` : ""}
                </p>
                {canEdit && (
                  <Button size="sm" className="mt-2" onClick={() => setRestoring(v)}>
                    Restore to draft
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={!!restoring}
        onClose={() => {
          setRestoring(null);
          restore.reset();
        }}
        onConfirm={() =>
          restore.mutate(restoring!.id, {
            onSuccess: () => {
              setRestoring(null);
              onRestored();
            },
          })
        }
        title={`Restore ${restoring?.marked_name || `version ${restoring?.version ?? ""}`}?`}
        description="The draft is replaced by this version. The published version doesn't change until you publish again."
        confirmLabel="Restore"
        danger={false}
        pending={restore.isPending}
        error={restore.error}
      />
    </aside>
  );
}
