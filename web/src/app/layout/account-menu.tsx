import { useNavigate } from "react-router-dom";
import { Avatar } from "../../components/ui/avatar";
import { LogOutIcon, UserIcon } from "../../components/ui/icons";
import { Menu, MenuItem, MenuSeparator } from "../../components/ui/menu";
import { useToast } from "../../components/ui/toast";
import { useLogout } from "../../features/auth/api/logout";
import { useProfile } from "../../hooks/use-profile";
import { errorMessage } from "../../lib/api";

export function AccountMenu() {
  const profile = useProfile();
  const logout = useLogout();
  const navigate = useNavigate();
  const toast = useToast();
  const name = profile.data?.name ?? "";

  return (
    <Menu
      align="end"
      triggerLabel="Account menu"
      triggerClassName="flex items-center rounded-full p-0.5 ring-zinc-200 transition hover:ring-2"
      trigger={<Avatar name={name} seed={profile.data?.id} />}
    >
      <div className="flex items-center gap-3 px-2.5 py-2">
        <Avatar name={name} seed={profile.data?.id} />
        <div className="min-w-0">
          <p className="truncate text-[13px] font-medium text-zinc-900">{name}</p>
          <p className="truncate text-xs text-zinc-500">{profile.data?.email}</p>
        </div>
      </div>
      <MenuSeparator />
      <MenuItem icon={<UserIcon />} onSelect={() => navigate("/settings/account")}>
        Account settings
      </MenuItem>
      <MenuItem
        icon={<LogOutIcon />}
        onSelect={() =>
          logout.mutate(undefined, {
            onSuccess: () => navigate("/signin", { replace: true }),
            onError: (err) => toast({ tone: "error", title: "Couldn't sign out", description: errorMessage(err) }),
          })
        }
      >
        Sign out
      </MenuItem>
    </Menu>
  );
}
