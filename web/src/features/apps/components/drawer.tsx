// A panel that slides in from the right over the page, on the native <dialog> (focus, Escape and
// the top layer come from the browser).
import { type ReactNode, useEffect, useId, useRef } from "react";
import { XIcon } from "../../../components/ui/icons";

interface DrawerProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}

export function Drawer({ open, onClose, title, description, children }: DrawerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-2xl bg-transparent p-0 text-zinc-900 backdrop:bg-zinc-950/30 open:animate-slide-in"
    >
      {open && (
        <div className="flex h-full flex-col border-l border-zinc-200 bg-white shadow-pop">
          <div className="flex items-start gap-4 border-b border-zinc-100 px-6 py-4">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="truncate text-base font-semibold">
                {title}
              </h2>
              {description && <div className="mt-1 text-[13px] text-zinc-500">{description}</div>}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mr-2 cursor-pointer rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
            >
              <XIcon />
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-5">{children}</div>
        </div>
      )}
    </dialog>
  );
}
