import { type InputHTMLAttributes, useState } from "react";
import { CheckIcon } from "../../../components/ui/icons";
import { Input } from "../../../components/ui/input";
import { cn } from "../../../lib/cn";
import { passwordRules } from "../lib/credentials";

/** A password field with a show/hide toggle. */
export function PasswordInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input {...props} type={visible ? "text" : "password"} className="pr-14" />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        className="absolute top-1/2 right-2 -translate-y-1/2 cursor-pointer rounded px-1.5 py-0.5 text-xs font-medium text-zinc-500 hover:text-zinc-800"
      >
        {visible ? "Hide" : "Show"}
      </button>
    </div>
  );
}

/** The password rules, ticked off as the user types. */
export function PasswordChecklist({ password }: { password: string }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
      {passwordRules(password).map((rule) => (
        <li
          key={rule.label}
          className={cn("flex items-center gap-1", rule.met ? "text-emerald-600" : "text-zinc-400")}
        >
          <CheckIcon className={cn("size-3", rule.met ? "opacity-100" : "opacity-40")} />
          {rule.label}
        </li>
      ))}
    </ul>
  );
}
