import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from "react";
import { cn } from "../../lib/cn";

const FIELD_BASE =
  "block w-full rounded-lg border border-zinc-200 bg-white px-3 text-sm text-zinc-900 shadow-xs transition-colors " +
  "placeholder:text-zinc-400 hover:border-zinc-300 focus:border-brand-500 focus:ring-3 focus:ring-brand-500/15 focus:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500 aria-invalid:border-red-400 aria-invalid:ring-red-500/15";

export function fieldClasses(className?: string): string {
  return cn(FIELD_BASE, className);
}

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={fieldClasses(cn("h-9", className))} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={fieldClasses(cn("min-h-20 py-2", className))} {...props} />;
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  optional?: boolean;
  className?: string;
  /** Receives the generated id so the control and its label are linked. */
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

/** A label, a control, and its hint or error underneath. */
/** A field's label, with a red asterisk when it must be filled in. */
export function RequiredLabel({ text, required }: { text: string; required: boolean }) {
  return (
    <span>
      {text}
      {required && (
        <span className="ml-0.5 text-red-500" aria-hidden="true">
          *
        </span>
      )}
    </span>
  );
}

export function Field({ label, hint, error, optional, className, children }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="flex items-baseline justify-between text-[13px] font-medium text-zinc-700">
        <span>{label}</span>
        {optional && <span className="text-xs font-normal text-zinc-400">Optional</span>}
      </label>
      {children(id, error || hint ? noteId : undefined)}
      {error ? (
        <p id={noteId} className="text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={noteId} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
