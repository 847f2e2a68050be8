// The browser's conversations: start a new one, open, rename or delete one. Empty and failed
// states say what to do.
import { useState } from "react";
import { Alert } from "../../../components/ui/alert";
import { Button } from "../../../components/ui/button";
import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { Dialog } from "../../../components/ui/dialog";
import { PlusIcon, TrashIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { Menu, MenuItem } from "../../../components/ui/menu";
import { Spinner } from "../../../components/ui/spinner";
import { cn } from "../../../lib/cn";
import { webappErrorMessage } from "../api/client";
import { useDeleteConversation } from "../api/delete-conversation";
import { useConversations } from "../api/get-conversations";
import { useRenameConversation } from "../api/rename-conversation";
import type { Conversation } from "../api/types";
import { MessageIcon, MoreIcon, PencilIcon } from "./icons";

interface ConversationListProps {
  code: string;
  activeId: string | null;
  onSelect: (id: string | null) => void;
}

function RenameDialog({ code, conversation, onClose }: { code: string; conversation: Conversation; onClose: () => void }) {
  const [name, setName] = useState(conversation.name);
  const rename = useRenameConversation(code);
  return (
    <Dialog
      open
      onClose={onClose}
      title="Rename conversation"
      size="sm"
      busy={rename.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={rename.isPending}>
            Cancel
          </Button>
          <Button
            variant="primary"
            loading={rename.isPending}
            disabled={!name.trim()}
            onClick={() => rename.mutate({ id: conversation.id, name: name.trim() }, { onSuccess: onClose })}
          >
            Save
          </Button>
        </>
      }
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) rename.mutate({ id: conversation.id, name: name.trim() }, { onSuccess: onClose });
        }}
      >
        <Input aria-label="Conversation name" value={name} maxLength={100} autoFocus onChange={(e) => setName(e.target.value)} />
        {rename.error ? <Alert tone="error">{webappErrorMessage(rename.error)}</Alert> : null}
      </form>
    </Dialog>
  );
}

export function ConversationList({ code, activeId, onSelect }: ConversationListProps) {
  const conversations = useConversations(code, true);
  const remove = useDeleteConversation(code);
  const [renaming, setRenaming] = useState<Conversation | null>(null);
  const [deleting, setDeleting] = useState<Conversation | null>(null);

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="px-3 pb-2">
        <Button className="w-full" icon={<PlusIcon />} onClick={() => onSelect(null)}>
          New chat
        </Button>
      </div>
      <nav aria-label="Conversations" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {conversations.isPending ? (
          <div className="flex items-center gap-2 px-3 py-4 text-[13px] text-zinc-500" role="status">
            <Spinner /> Loading conversations…
          </div>
        ) : conversations.isError ? (
          <Alert
            tone="error"
            className="mx-1"
            action={
              <Button size="sm" onClick={() => conversations.refetch()}>
                Retry
              </Button>
            }
          >
            {webappErrorMessage(conversations.error)}
          </Alert>
        ) : conversations.data.data.length === 0 ? (
          <p className="px-3 py-4 text-[13px] text-zinc-500">No conversations yet. Your chats will appear here.</p>
        ) : (
          <ul className="space-y-0.5">
            {conversations.data.data.map((c) => (
              <li key={c.id} data-testid="conversation-item" className="group relative">
                <button
                  type="button"
                  onClick={() => onSelect(c.id)}
                  aria-current={c.id === activeId ? "page" : undefined}
                  className={cn(
                    "flex w-full cursor-pointer items-center gap-2.5 rounded-lg py-2 pr-10 pl-3 text-left text-[13px] transition-colors",
                    c.id === activeId ? "bg-white font-medium text-zinc-900 shadow-card" : "text-zinc-600 hover:bg-zinc-200/60 hover:text-zinc-900",
                  )}
                >
                  <MessageIcon className="size-4 shrink-0 text-zinc-400" />
                  <span className="min-w-0 flex-1 truncate">{c.name || "New conversation"}</span>
                </button>
                <div className="absolute top-1/2 right-1 -translate-y-1/2">
                  <Menu
                    align="end"
                    triggerLabel={`Actions for ${c.name}`}
                    triggerClassName="flex size-7 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-200 hover:text-zinc-700"
                    trigger={<MoreIcon />}
                    className="min-w-40"
                  >
                    <MenuItem icon={<PencilIcon />} onSelect={() => setRenaming(c)}>
                      Rename
                    </MenuItem>
                    <MenuItem icon={<TrashIcon />} danger onSelect={() => setDeleting(c)}>
                      Delete
                    </MenuItem>
                  </Menu>
                </div>
              </li>
            ))}
          </ul>
        )}
      </nav>
      {renaming && <RenameDialog code={code} conversation={renaming} onClose={() => setRenaming(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        title="Delete this conversation?"
        description={deleting ? `“${deleting.name}” and its messages will be gone for good.` : undefined}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!deleting) return;
          const id = deleting.id;
          remove.mutate(id, {
            onSuccess: () => {
              setDeleting(null);
              if (id === activeId) onSelect(null);
            },
          });
        }}
      />
    </div>
  );
}
