import { ConfirmDialog } from "../../../components/ui/confirm-dialog";
import { useToast } from "../../../components/ui/toast";
import { useRemoveProvider } from "../api/remove-provider";
import type { Provider } from "../api/types";

interface RemoveProviderDialogProps {
  provider: Provider | null;
  onClose: () => void;
}

export function RemoveProviderDialog({ provider, onClose }: RemoveProviderDialogProps) {
  const remove = useRemoveProvider();
  const toast = useToast();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={provider !== null}
      onClose={close}
      title={`Remove ${provider?.label ?? "provider"}?`}
      description="Kiln deletes the stored API key and stops offering this provider's models. Default models that used them fall back to the offline provider."
      confirmLabel="Remove provider"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => {
        if (!provider) return;
        remove.mutate(provider.provider, {
          onSuccess: () => {
            toast({ tone: "success", title: `Removed ${provider.label}` });
            close();
          },
        });
      }}
    />
  );
}
