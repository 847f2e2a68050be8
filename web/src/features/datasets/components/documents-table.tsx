// The documents of a knowledge base: status (live while indexing), size, timing, the enable
// switch, and the actions that suit each status.
import { Link } from "react-router-dom";
import { TrashIcon } from "../../../components/ui/icons";
import { Menu, MenuItem, MenuSeparator } from "../../../components/ui/menu";
import { Table, TBody, TD, TH, THead, TR } from "../../../components/ui/table";
import { formatDateTime, formatRelative } from "../../../lib/format";
import { hasOriginal } from "../api/download-document";
import type { KnowledgeDocument } from "../api/types";
import type { StatusAction } from "../api/document-actions";
import { formatCount, formatLatency, isSettled } from "../lib/document-status";
import { extensionOf } from "../lib/files";
import { StatusChip } from "./badges";
import { ArchiveIcon, DotsIcon, PauseIcon, PenIcon, PlayIcon, RestartIcon, ScissorsIcon } from "./icons";
import { Toggle } from "./toggle";

export interface DocumentActions {
  onToggle: (doc: KnowledgeDocument, enabled: boolean) => void;
  onStatus: (doc: KnowledgeDocument, action: StatusAction) => void;
  onPause: (doc: KnowledgeDocument, pause: boolean) => void;
  onRetry: (doc: KnowledgeDocument) => void;
  onReindex: (doc: KnowledgeDocument) => void;
  onRename: (doc: KnowledgeDocument) => void;
  onDelete: (doc: KnowledgeDocument) => void;
}

interface DocumentsTableProps extends DocumentActions {
  datasetId: string;
  documents: KnowledgeDocument[];
  canEdit: boolean;
  /** The document whose change is on its way to the server. */
  pendingId: string | null;
  /** Documents picked for a download; only those with an original of their own can be. */
  selected: ReadonlySet<string>;
  onSelect: (docs: KnowledgeDocument[], on: boolean) => void;
}

function RowMenu({ doc, ...a }: { doc: KnowledgeDocument } & DocumentActions) {
  const busy = !isSettled(doc.indexing_status);
  return (
    <Menu
      align="end"
      triggerLabel={`Actions for ${doc.name}`}
      triggerClassName="flex size-7 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
      trigger={<DotsIcon />}
      className="min-w-48"
    >
      {busy && (
        <MenuItem icon={<PauseIcon />} onSelect={() => a.onPause(doc, true)}>
          Pause indexing
        </MenuItem>
      )}
      {doc.indexing_status === "paused" && (
        <MenuItem icon={<PlayIcon />} onSelect={() => a.onPause(doc, false)}>
          Resume indexing
        </MenuItem>
      )}
      {doc.indexing_status === "error" && (
        <MenuItem icon={<RestartIcon />} onSelect={() => a.onRetry(doc)}>
          Retry
        </MenuItem>
      )}
      <MenuItem icon={<ScissorsIcon />} disabled={busy} onSelect={() => a.onReindex(doc)}>
        Re-index with new settings…
      </MenuItem>
      <MenuItem icon={<PenIcon />} onSelect={() => a.onRename(doc)}>
        Rename…
      </MenuItem>
      {doc.indexing_status === "completed" && (
        <MenuItem icon={<ArchiveIcon />} onSelect={() => a.onStatus(doc, doc.archived ? "un_archive" : "archive")}>
          {doc.archived ? "Unarchive" : "Archive"}
        </MenuItem>
      )}
      <MenuSeparator />
      <MenuItem icon={<TrashIcon />} danger onSelect={() => a.onDelete(doc)}>
        Delete
      </MenuItem>
    </Menu>
  );
}

export function DocumentsTable({ datasetId, documents, canEdit, pendingId, selected, onSelect, ...actions }: DocumentsTableProps) {
  const selectable = documents.filter(hasOriginal);
  const allSelected = selectable.length > 0 && selectable.every((d) => selected.has(d.id));
  return (
    <Table>
      <THead>
        <tr>
          <TH className="w-10 pr-0">
            <input
              type="checkbox"
              aria-label="Select all documents on this page"
              className="size-4 cursor-pointer rounded border-zinc-300 accent-brand-500 disabled:cursor-not-allowed disabled:opacity-40"
              checked={allSelected}
              disabled={selectable.length === 0}
              onChange={(e) => onSelect(selectable, e.target.checked)}
            />
          </TH>
          <TH>Name</TH>
          <TH>Status</TH>
          <TH className="text-right">Chunks</TH>
          <TH className="text-right">Size</TH>
          <TH className="text-right">{canEdit ? "Enabled" : <span className="sr-only">Enabled</span>}</TH>
        </tr>
      </THead>
      <TBody>
        {documents.map((doc) => {
          const ext = extensionOf(doc.data_source_detail_dict?.upload_file?.name ?? doc.name) || "txt";
          return (
            <TR key={doc.id} data-testid="document-row" data-name={doc.name}>
              <TD className="w-10 pr-0">
                <input
                  type="checkbox"
                  aria-label={`Select ${doc.name}`}
                  className="size-4 cursor-pointer rounded border-zinc-300 accent-brand-500 disabled:cursor-not-allowed disabled:opacity-40"
                  checked={selected.has(doc.id)}
                  disabled={!hasOriginal(doc)}
                  title={hasOriginal(doc) ? undefined : "Its content comes from a webhook or a URL, not from a file of yours."}
                  onChange={(e) => onSelect([doc], e.target.checked)}
                />
              </TD>
              <TD className="max-w-80">
                <div className="flex items-center gap-2.5">
                  <span className="flex h-6 w-9 shrink-0 items-center justify-center rounded border border-zinc-200 bg-zinc-50 font-mono text-[9px] font-semibold text-zinc-500 uppercase">
                    {ext.slice(0, 4)}
                  </span>
                  <div className="min-w-0">
                    <Link
                      to={`/datasets/${datasetId}/documents/${doc.id}`}
                      className="block truncate font-medium text-zinc-900 hover:text-brand-700 hover:underline"
                      title={doc.name}
                    >
                      {doc.name}
                    </Link>
                    <p className="text-xs text-zinc-400" title={formatDateTime(doc.created_at)}>
                      Added {formatRelative(doc.created_at)}
                      {doc.data_source_type === "text" ? " · pasted text" : doc.created_from === "webhook" ? " · webhook" : ""}
                    </p>
                  </div>
                </div>
                {doc.indexing_status === "error" && doc.error && (
                  <p className="mt-1 line-clamp-2 text-xs text-red-600" data-testid="document-error">
                    {doc.error}
                  </p>
                )}
              </TD>
              <TD>
                <StatusChip doc={doc} />
                {doc.indexing_status === "completed" && doc.indexing_latency !== null && (
                  <p className="mt-1 text-xs text-zinc-400">indexed in {formatLatency(doc.indexing_latency)}</p>
                )}
              </TD>
              <TD className="text-right tabular-nums" data-testid="document-chunks">
                {doc.indexing_status === "completed" ? doc.segment_count : "—"}
              </TD>
              <TD className="text-right whitespace-nowrap tabular-nums">
                <p>{formatCount(doc.word_count)} chars</p>
                <p className="text-xs text-zinc-400">{formatCount(doc.tokens)} tokens</p>
              </TD>
              <TD>
                <div className="flex items-center justify-end gap-2">
                  <Toggle
                    size="sm"
                    hideLabel
                    label={`${doc.name} enabled`}
                    checked={doc.enabled}
                    disabled={!canEdit || doc.archived || pendingId === doc.id || doc.indexing_status !== "completed"}
                    onChange={(on) => actions.onToggle(doc, on)}
                  />
                  {canEdit && <RowMenu doc={doc} {...actions} />}
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
