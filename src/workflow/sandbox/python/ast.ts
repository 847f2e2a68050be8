// Syntax tree of the supported Python subset. Every node carries the line it starts on.
import type { Py } from "./values";

export type Expr =
  | { k: "Name"; line: number; id: string }
  | { k: "Const"; line: number; value: Py }
  | { k: "FString"; line: number; parts: FPart[] }
  | { k: "BinOp"; line: number; op: string; left: Expr; right: Expr }
  | { k: "UnaryOp"; line: number; op: string; operand: Expr }
  | { k: "BoolOp"; line: number; op: "and" | "or"; values: Expr[] }
  | { k: "Compare"; line: number; left: Expr; ops: string[]; comparators: Expr[] }
  | { k: "Call"; line: number; func: Expr; args: Expr[]; keywords: Keyword[] }
  | { k: "Attribute"; line: number; value: Expr; attr: string }
  | { k: "Subscript"; line: number; value: Expr; index: Expr }
  | { k: "Slice"; line: number; lower: Expr | null; upper: Expr | null; step: Expr | null }
  | { k: "List" | "Tuple" | "Set"; line: number; elts: Expr[] }
  | { k: "Dict"; line: number; keys: (Expr | null)[]; values: Expr[] }
  | { k: "IfExp"; line: number; test: Expr; body: Expr; orelse: Expr }
  | { k: "Lambda"; line: number; fn: FunctionInfo }
  | { k: "ListComp" | "SetComp" | "GeneratorExp"; line: number; elt: Expr; gens: Comprehension[] }
  | { k: "DictComp"; line: number; key: Expr; value: Expr; gens: Comprehension[] }
  | { k: "Starred"; line: number; value: Expr }
  | { k: "NamedExpr"; line: number; target: string; value: Expr }
  /** Only as an expression statement or the value of an assignment in a generator function. */
  | { k: "Yield"; line: number; value: Expr | null; isFrom: boolean };

export type FPart = string | { expr: Expr; conv: string | null; spec: FPart[] | null };

export interface Keyword {
  /** null for `**mapping`. */
  name: string | null;
  value: Expr;
}

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Param {
  name: string;
  default: Expr | null;
  kind: "pos" | "vararg" | "kwonly" | "kwarg";
}

export interface FunctionInfo {
  name: string;
  params: Param[];
  body: Stmt[];
  /** Names bound in the function body (its local variables). */
  locals: Set<string>;
  globals: Set<string>;
  nonlocals: Set<string>;
  docstring: string | null;
  /** A class body: its names become class attributes and are not visible to its methods. */
  isClass?: boolean;
  /** The body contains `yield`: a call returns a generator. */
  isGenerator?: boolean;
}

export interface WithItem {
  context: Expr;
  target: Expr | null;
}

export interface ExceptHandler {
  type: Expr | null;
  name: string | null;
  body: Stmt[];
  line: number;
}

export type Stmt = (
  | { k: "Expr"; line: number; value: Expr }
  | { k: "Assign"; line: number; targets: Expr[]; value: Expr }
  | { k: "AugAssign"; line: number; target: Expr; op: string; value: Expr }
  | { k: "AnnAssign"; line: number; target: Expr; annotation: Expr; value: Expr | null }
  | { k: "If"; line: number; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "For"; line: number; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "While"; line: number; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "Break" | "Continue" | "Pass"; line: number }
  | { k: "Return"; line: number; value: Expr | null }
  | { k: "Raise"; line: number; exc: Expr | null; cause: Expr | null }
  | { k: "Try"; line: number; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[] }
  | { k: "Assert"; line: number; test: Expr; msg: Expr | null }
  | { k: "Delete"; line: number; targets: Expr[] }
  | { k: "Global" | "Nonlocal"; line: number; names: string[] }
  | { k: "FunctionDef"; line: number; fn: FunctionInfo; decorators: Expr[] }
  | { k: "ClassDef"; line: number; name: string; bases: Expr[]; keywords: Keyword[]; info: FunctionInfo; decorators: Expr[] }
  | { k: "With"; line: number; items: WithItem[]; body: Stmt[] }
  | { k: "Import"; line: number; names: { name: string; asname: string | null }[] }
  | { k: "ImportFrom"; line: number; module: string; names: { name: string; asname: string | null }[] }
) & {
  /** Set by the parser on a `yield` statement and on every statement of a generator body that contains one. */
  yields?: true;
};

export interface Module {
  body: Stmt[];
}
