// A modal built on the native <dialog> element: focus trapping, Escape and the top layer come
// from the browser; this adds Kiln's look and a title/description/footer layout.
import { type ReactNode, useEffect, useId, useRef } from "react";
import { cn } from "../../lib/cn";
import { XIcon } from "./icons";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** While true (e.g. a save is running) Escape and the backdrop do not close the dialog. */
  busy?: boolean;
}

const SIZES = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };

export function Dialog({ open, onClose, title, description, children, footer, size = "md", busy }: DialogProps) {
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
        if (!busy) onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current && !busy) onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] overflow-visible rounded-2xl bg-transparent p-0 text-zinc-900",
        "backdrop:bg-zinc-950/40 backdrop:backdrop-blur-[2px] open:animate-pop-in",
        SIZES[size],
      )}
    >
      {open && (
        <div className="rounded-2xl border border-zinc-200 bg-white shadow-pop">
          <div className="flex items-start gap-4 px-6 pt-5 pb-4">
            <div className="min-w-0 flex-1">
              <h2 id={titleId} className="text-base font-semibold">
                {title}
              </h2>
              {description && <p className="mt-1 text-[13px] text-zinc-500">{description}</p>}
            </div>
            <button
              type="button"
              onClick={onClose}
              disabled={busy}
              aria-label="Close"
              className="-mt-1 -mr-2 cursor-pointer rounded-md p-1.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 disabled:opacity-50"
            >
              <XIcon />
            </button>
          </div>
          {children && <div className="max-h-[70vh] overflow-y-auto px-6 pb-5">{children}</div>}
          {footer && (
            <div className="flex items-center justify-end gap-2 rounded-b-2xl border-t border-zinc-100 bg-zinc-50/70 px-6 py-3">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
