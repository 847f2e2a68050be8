import type { ReactNode } from "react";
import { Alert } from "../../../components/ui/alert";
import { XIcon } from "../../../components/ui/icons";

/** An error above the message box that the visitor can dismiss. */
export function DismissibleError({ children, onDismiss }: { children: ReactNode; onDismiss: () => void }) {
  return (
    <Alert
      tone="error"
      action={
        <button type="button" aria-label="Dismiss" onClick={onDismiss} className="cursor-pointer rounded p-0.5 text-red-500 hover:bg-red-100">
          <XIcon className="size-3.5" />
        </button>
      }
    >
      {children}
    </Alert>
  );
}
