// The abc module: ABC, ABCMeta and abstractmethod (instantiating a class with abstract methods left raises).
import { PyClass, abstractMethods, setAbcRoot } from "../classes";
import { PyType, T } from "../values";
import { makeModule } from "./module";

export function abcModule() {
  const abc = new PyClass("ABC", "ABC", [T.object], new Map(), "abc");
  setAbcRoot(abc);
  return makeModule(
    "abc",
    {
      abstractmethod: (args) => {
        const f = args[0];
        if (f !== null && typeof f === "object") abstractMethods.add(f);
        return f;
      },
    },
    { ABC: abc, ABCMeta: new PyType("ABCMeta", T.type, "abc") },
  );
}
