// The uuid module: uuid4() from crypto.getRandomValues, and UUID(hex) for parsing.
import { toHex } from "../../../../lib/hex";
import { recorded } from "../replay";
import { E, PyNative, type Py, PyType, T, pyError } from "../values";
import { makeModule } from "./module";

const uuidType = new PyType("UUID", T.object, "uuid");
const text = (v: Py) => (v as PyNative<string>).value;
const make = (hex: string) => new PyNative<string>(uuidType, hex, () => `\u0000uuid${hex}`);
const dashed = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

uuidType.methods.set("__str__", (s) => dashed(text(s)));
uuidType.methods.set("__repr__", (s) => `UUID('${dashed(text(s))}')`);
uuidType.methods.set("__eq__", (s, [o]) => o instanceof PyNative && o.type === uuidType && text(o) === text(s));
uuidType.getters.set("hex", (s) => text(s));
uuidType.getters.set("int", (s) => BigInt(`0x${text(s)}`));
uuidType.getters.set("version", (s) => BigInt(Number.parseInt(text(s)[12], 16)));

export function uuidModule() {
  uuidType.call = (args) => {
    const hex = String(args[0] ?? "").replace(/^urn:uuid:/, "").replace(/[{}-]/g, "").toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) throw pyError(E.ValueError, "badly formed hexadecimal UUID string");
    return make(hex);
  };
  return makeModule(
    "uuid",
    {
      uuid4: () => {
        // recorded so that a run replayed after a request gets the same uuid (see ../replay.ts)
        const hex = recorded(() => {
          const b = crypto.getRandomValues(new Uint8Array(16));
          b[6] = (b[6] & 0x0f) | 0x40;
          b[8] = (b[8] & 0x3f) | 0x80;
          return toHex(b);
        });
        return make(hex);
      },
    },
    { UUID: uuidType },
  );
}
