import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Badge } from "../../../components/ui/badge";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { formatDateTime, formatRelative } from "../../../lib/format";
import type { AppVersion } from "../api/types";
import { Drawer } from "./drawer";
import { HistoryIcon } from "./icons";

interface VersionsDrawerProps {
  open: boolean;
  onClose: () => void;
  versions: AppVersion[] | undefined;
  loading: boolean;
  loadError: unknown;
  canEdit: boolean;
  restoring: boolean;
  restoreError: unknown;
  onRestore: (version: AppVersion) => Promise<unknown>;
}

/** Published versions, newest first, each restorable into the draft. */
export function VersionsDrawer({ open, onClose, versions, loading, loadError, canEdit, restoring, restoreError, onRestore }: VersionsDrawerProps) {
  const [confirming, setConfirming] = useState<AppVersion | null>(null);

  return (
    <Drawer open={open} onClose={onClose} title="Version history" description="What the API and WebApp served over time. Restoring copies a version into the draft.">
      {loading ? (
        <LoadingState label="Loading versions…" />
      ) : loadError ? (
        <Alert tone="error" title="Couldn't load the versions">
          {errorMessage(loadError)}
        </Alert>
      ) : !versions || versions.length === 0 ? (
        <EmptyState
          compact
          icon={<HistoryIcon className="size-5" />}
          title="Nothing published yet"
          description="Each time you publish, the draft is kept here as a numbered version you can go back to."
        />
      ) : (
        <ol className="space-y-3" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id} data-testid="version-row" className="rounded-xl border border-zinc-200 p-4">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-sm font-semibold text-zinc-900">Version {v.version}</span>
                    {v.marked_name && <span className="truncate text-sm text-zinc-600">· {v.marked_name}</span>}
                    {v.is_current && (
                      <Badge tone="green" dot>
                        Live
                      </Badge>
                    )}
                  </div>
                  <p className="mt-0.5 text-xs text-zinc-500" title={formatDateTime(v.created_at)}>
                    Published {formatRelative(v.created_at)} · {v.model_config.model?.provider}/{v.model_config.model?.name}
                  </p>
                  {v.marked_comment && <p className="mt-2 text-[13px] text-zinc-700">{v.marked_comment}</p>}
                </div>
                {canEdit && (
                  <Button size="sm" onClick={() => setConfirming(v)}>
                    Restore
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={!!confirming}
        danger={false}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) void onRestore(confirming).then(() => setConfirming(null), () => {});
        }}
        title={`Restore version ${confirming?.version ?? ""} into the draft?`}
        description="The draft you are editing is replaced by this version. What the API and WebApp serve doesn't change until you publish again."
        confirmLabel="Restore"
        pending={restoring}
        error={restoreError}
      />
    </Drawer>
  );
}
