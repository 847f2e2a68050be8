// os and os.path without a file system or a process environment: the path functions are
// posixpath's string rules, `environ` starts empty for every run (getenv answers its default),
// and anything that would touch a file or a process raises PermissionError, so code that only
// imports os, or builds paths, runs as in Dify's sandbox.
import { arg, asInt } from "../args";
import { E, type NativeFn, PyBytes, PyDict, type Py, pyError, PyTuple, typeName } from "../values";
import { makeModule } from "./module";

const path = (fname: string, v: Py): string => {
  if (typeof v !== "string") throw pyError(E.TypeError, `${fname}: expected str, not ${typeName(v)}`);
  return v;
};

function join(parts: string[]): string {
  let out = parts[0];
  for (const p of parts.slice(1)) {
    if (p.startsWith("/")) out = p;
    else if (!out || out.endsWith("/")) out += p;
    else out += `/${p}`;
  }
  return out;
}

function split(p: string): [string, string] {
  const i = p.lastIndexOf("/") + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head && !/^\/+$/.test(head)) head = head.replace(/\/+$/, "");
  return [head, tail];
}

function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf("/");
  const dot = p.lastIndexOf(".");
  if (dot > sep) {
    // a leading run of dots is part of the name (".bashrc" has no extension)
    for (let i = sep + 1; i < dot; i++) if (p[i] !== ".") return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ""];
}

function normpath(p: string): string {
  if (p === "") return ".";
  const initial = p.startsWith("/") ? (p.startsWith("//") && !p.startsWith("///") ? 2 : 1) : 0;
  const comps: string[] = [];
  for (const c of p.split("/")) {
    if (c === "" || c === ".") continue;
    if (c !== ".." || (!initial && !comps.length) || comps.at(-1) === "..") comps.push(c);
    else if (comps.length) comps.pop();
  }
  return "/".repeat(initial) + comps.join("/") || ".";
}

/** The process's working directory as code sees it. */
const CWD = "/";

const noFiles =
  (name: string): NativeFn =>
  () => {
    throw pyError(E.PermissionError, `os.${name}: Kiln's Python sandbox has no file system or processes`);
  };

const no = () => false;

export function osPathModule() {
  return makeModule(
    "posixpath",
    {
      join: (args) => {
        if (!args.length) throw pyError(E.TypeError, "join() missing 1 required positional argument: 'a'");
        return join(args.map((a) => path("join()", a)));
      },
      split: ([p]) => new PyTuple(split(path("split()", p))),
      basename: ([p]) => split(path("basename()", p))[1],
      dirname: ([p]) => split(path("dirname()", p))[0],
      splitext: ([p]) => new PyTuple(splitext(path("splitext()", p))),
      normpath: ([p]) => normpath(path("normpath()", p)),
      abspath: ([p]) => {
        const s = path("abspath()", p);
        return normpath(s.startsWith("/") ? s : join([CWD, s]));
      },
      isabs: ([p]) => path("isabs()", p).startsWith("/"),
      exists: no,
      lexists: no,
      isfile: no,
      isdir: no,
      islink: no,
      getsize: noFiles("path.getsize"),
      expanduser: ([p]) => path("expanduser()", p),
    },
    { sep: "/", curdir: ".", pardir: "..", extsep: "." },
  );
}

/** os.environ: one dict for the isolate, emptied before every run so nothing passes between them. */
const environ = new PyDict();

export function resetOsEnviron(): void {
  environ.map.clear();
}

export function osModule(pathModule: ReturnType<typeof osPathModule>) {
  const files = ["open", "listdir", "scandir", "walk", "remove", "unlink", "rmdir", "mkdir", "makedirs", "rename", "stat", "chdir", "system", "popen", "getpid"];
  return makeModule(
    "os",
    {
      getenv: (args, kwargs) => {
        const key = arg("getenv", args, kwargs, 0, "key");
        if (typeof key !== "string") throw pyError(E.TypeError, `str expected, not ${typeName(key)}`);
        return environ.get(key) ?? arg("getenv", args, kwargs, 1, "default", null);
      },
      getcwd: () => CWD,
      urandom: (args, kwargs) => {
        const n = asInt(arg("urandom", args, kwargs, 0, "size"), "size");
        if (n < 0n) throw pyError(E.ValueError, "negative argument not allowed");
        const bytes = new Uint8Array(Number(n));
        for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
        return new PyBytes(bytes);
      },
      ...Object.fromEntries(files.map((f) => [f, noFiles(f)])),
    },
    { path: pathModule, environ, sep: "/", linesep: "\n", name: "posix", curdir: ".", pardir: "..", extsep: ".", pathsep: ":", devnull: "/dev/null" },
  );
}
