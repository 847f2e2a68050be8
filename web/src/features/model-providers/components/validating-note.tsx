import { Spinner } from "../../../components/ui/spinner";

/** Shown while the server checks credentials against the real provider, which can take seconds. */
export function ValidatingNote() {
  return (
    <div className="flex items-center gap-2.5 rounded-lg border border-brand-200 bg-brand-50 px-3.5 py-2.5 text-[13px] text-brand-700" role="status">
      <Spinner className="size-4" />
      <span>
        <span className="font-medium">Validating with a real call…</span>{" "}
        <span className="text-brand-700/80">Kiln sends a small request to check the key and models work.</span>
      </span>
    </div>
  );
}
