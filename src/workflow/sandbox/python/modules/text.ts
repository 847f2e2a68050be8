// The string and typing modules: constants, and typing names that only serve annotations.
import { PyType, T } from "../values";
import { makeModule } from "./module";

export function stringModule() {
  const lower = "abcdefghijklmnopqrstuvwxyz";
  const upper = lower.toUpperCase();
  return makeModule(
    "string",
    {},
    {
      ascii_letters: lower + upper,
      ascii_lowercase: lower,
      ascii_uppercase: upper,
      digits: "0123456789",
      hexdigits: "0123456789abcdefABCDEF",
      octdigits: "01234567",
      punctuation: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
      whitespace: " \t\n\r\x0b\x0c",
      printable: `0123456789${lower}${upper}!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~ \t\n\r\x0b\x0c`,
    },
  );
}

export function typingModule() {
  const names = ["Any", "Union", "Optional", "List", "Dict", "Tuple", "Set", "FrozenSet", "Callable", "Iterable", "Iterator", "Sequence", "Mapping", "Literal", "TypedDict", "Type", "Generator", "NamedTuple", "Final", "ClassVar"];
  const consts: Record<string, PyType> = {};
  for (const n of names) consts[n] = new PyType(n, T.object, "typing");
  return makeModule("typing", {}, consts);
}
