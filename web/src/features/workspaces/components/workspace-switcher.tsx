import { useState } from "react";
import { Avatar } from "../../../components/ui/avatar";
import { CheckIcon, ChevronsUpDownIcon, PlusIcon } from "../../../components/ui/icons";
import { Menu, MenuItem, MenuLabel, MenuSeparator } from "../../../components/ui/menu";
import { Spinner } from "../../../components/ui/spinner";
import { useToast } from "../../../components/ui/toast";
import { useCurrentWorkspace } from "../../../hooks/use-current-workspace";
import { errorMessage } from "../../../lib/api";
import { roleLabel } from "../../../lib/roles";
import { useWorkspaces } from "../api/get-workspaces";
import { useSwitchWorkspace } from "../api/switch-workspace";
import { CreateWorkspaceDialog } from "./create-workspace-dialog";

export function WorkspaceSwitcher() {
  const current = useCurrentWorkspace();
  const workspaces = useWorkspaces();
  const switchTo = useSwitchWorkspace();
  const toast = useToast();
  const [creating, setCreating] = useState(false);

  const name = current.data?.name ?? "Workspace";

  return (
    <>
      <Menu
        triggerLabel="Switch workspace"
        triggerClassName="flex items-center gap-2 rounded-lg px-2 py-1.5 text-left transition-colors hover:bg-zinc-100"
        trigger={
          <>
            <Avatar name={name} seed={current.data?.id} square size="sm" />
            <span className="max-w-48 truncate text-[13px] font-medium text-zinc-900" data-testid="current-workspace">
              {current.isPending ? "Loading…" : name}
            </span>
            {switchTo.isPending ? (
              <Spinner className="size-3.5 text-zinc-400" />
            ) : (
              <ChevronsUpDownIcon className="size-3.5 text-zinc-400" />
            )}
          </>
        }
      >
        <MenuLabel>Workspaces</MenuLabel>
        {workspaces.isPending && (
          <div className="flex items-center gap-2 px-2.5 py-2 text-[13px] text-zinc-500">
            <Spinner className="size-3.5" /> Loading workspaces…
          </div>
        )}
        {workspaces.isError && (
          <p className="px-2.5 py-2 text-[13px] text-red-600">{errorMessage(workspaces.error)}</p>
        )}
        {workspaces.data?.map((w) => (
          <MenuItem
            key={w.id}
            icon={<Avatar name={w.name} seed={w.id} square size="sm" />}
            trailing={
              w.current ? (
                <CheckIcon className="size-4 text-brand-600" />
              ) : (
                <span className="text-[11px] text-zinc-400">{roleLabel(w.role)}</span>
              )
            }
            onSelect={() => {
              if (w.current) return;
              switchTo.mutate(w.id, {
                onSuccess: () => toast({ tone: "success", title: `Switched to ${w.name}` }),
                onError: (err) =>
                  toast({ tone: "error", title: "Couldn't switch workspace", description: errorMessage(err) }),
              });
            }}
          >
            {w.name}
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem icon={<PlusIcon />} onSelect={() => setCreating(true)}>
          Create workspace
        </MenuItem>
      </Menu>
      <CreateWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
