// Export versions of the set: each a frozen pair of JSONL files in OpenAI's chat format.
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { Card, CardHeader } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { LoadingState } from "../../../components/ui/spinner";
import { errorMessage } from "../../../lib/api";
import { formatRelative } from "../../../lib/format";
import { exportFileUrl, useCreateExport, useExports } from "../api/exports";
import { formatCount } from "../lib/format";

export function ExportsCard({ setId, canEdit }: { setId: string; canEdit: boolean }) {
  const versions = useExports(setId);
  const create = useCreateExport(setId);
  return (
    <Card>
      <CardHeader
        title="Exported versions"
        description="JSONL in OpenAI's chat fine-tuning format: one conversation per line, with the prompt as it was sent."
        actions={
          canEdit && (
            <Button size="sm" loading={create.isPending} onClick={() => create.mutate()}>
              Export new version
            </Button>
          )
        }
      />
      {create.isError && (
        <Alert tone="error" className="mx-5 mt-4">
          {errorMessage(create.error)}
        </Alert>
      )}
      {versions.isPending ? (
        <LoadingState label="Loading versions…" />
      ) : versions.isError ? (
        <Alert tone="error" className="m-4">
          {errorMessage(versions.error)}
        </Alert>
      ) : versions.data.length === 0 ? (
        <EmptyState compact title="No exports yet" description="Export a version to download it, or start a fine-tune: it exports one for you." />
      ) : (
        <ul className="divide-y divide-zinc-100">
          {versions.data.map((v) => (
            <li key={v.id} className="flex items-center gap-4 px-5 py-3 text-[13px]" data-testid="export-version">
              <span className="w-12 font-semibold text-zinc-900">v{v.version}</span>
              <span className="flex-1 text-zinc-600">
                {v.train_count} training · {v.validation_count} validation · {formatCount(v.train_tokens)} tokens
                <span className="ml-2 text-xs text-zinc-400">{formatRelative(v.created_at)}</span>
              </span>
              <a className="text-brand-700 hover:underline" href={exportFileUrl(setId, v.version, "train")} download>
                train.jsonl
              </a>
              {v.validation_file && (
                <a className="text-brand-700 hover:underline" href={exportFileUrl(setId, v.version, "validation")} download>
                  validation.jsonl
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
