// Recursive-descent parser from tokens to the syntax tree; rejects what the sandbox does not
// support (async, match, yield inside an expression) with a SyntaxError that says so.
import type { Comprehension, Expr, FPart, FunctionInfo, Keyword, Module, Param, Stmt, WithItem } from "./ast";
import { PySyntaxError } from "./errors";
import { type Token, tokenize, decodeEscapes } from "./lexer";
import { PyBytes } from "./values";

const UNSUPPORTED: Record<string, string> = {
  async: "async code is not supported by Kiln's Python sandbox",
  await: "async code is not supported by Kiln's Python sandbox",
  yield: "Kiln's Python sandbox supports 'yield' only as a statement or as the value of an assignment (x = yield v)",
};

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);

const AUG_OPS = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@="]);
const COMPARE_OPS = new Set(["<", ">", "==", ">=", "<=", "!="]);

/** The class whose body is being parsed: `__name` there means `_Class__name`, as in Python. */
let privateOwner: string | null = null;

function mangle(name: string): string {
  if (privateOwner === null || !name.startsWith("__") || name.endsWith("__") || name.includes(".")) return name;
  const owner = privateOwner.replace(/^_+/, "");
  return owner ? `_${owner}${name}` : name;
}

export function parse(src: string): Module {
  privateOwner = null;
  const p = new Parser(tokenize(src));
  return { body: p.parseModule() };
}

class Parser {
  private pos = 0;
  /** How many `def` bodies enclose the current token; `yield` is only valid inside one. */
  private funcDepth = 0;
  constructor(private readonly toks: Token[]) {}

  private get tok(): Token {
    return this.toks[this.pos];
  }
  private peek(offset = 1): Token {
    return this.toks[Math.min(this.pos + offset, this.toks.length - 1)];
  }
  private error(msg = "invalid syntax", tok = this.tok): PySyntaxError {
    return new PySyntaxError(msg, tok.line);
  }
  private isOp(v: string, t = this.tok): boolean {
    return t.type === "op" && t.value === v;
  }
  private isKw(v: string, t = this.tok): boolean {
    return t.type === "name" && t.value === v;
  }
  private eatOp(v: string): boolean {
    if (this.isOp(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private eatKw(v: string): boolean {
    if (this.isKw(v)) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expectOp(v: string): Token {
    if (!this.isOp(v)) {
      if (v === ":" ) throw this.error("expected ':'");
      throw this.error();
    }
    return this.toks[this.pos++];
  }
  private expectKw(v: string): void {
    if (!this.eatKw(v)) throw this.error();
  }
  private name(): string {
    const t = this.tok;
    if (t.type !== "name" || KEYWORDS.has(t.value)) {
      if (t.type === "name" && UNSUPPORTED[t.value]) throw this.error(UNSUPPORTED[t.value]);
      throw this.error();
    }
    this.pos++;
    return mangle(t.value);
  }

  parseModule(): Stmt[] {
    const body: Stmt[] = [];
    while (this.tok.type !== "eof") {
      if (this.tok.type === "newline") {
        this.pos++;
        continue;
      }
      if ((this.tok as Token).type === "indent") throw new PySyntaxError("unexpected indent", this.tok.line, "IndentationError");
      body.push(...this.statement());
    }
    return body;
  }

  private block(what = "", line = 0): Stmt[] {
    this.expectOp(":");
    if (this.tok.type !== "newline") return this.simpleStatements();
    this.pos++;
    if (this.peek(0).type !== "indent") {
      const after = what ? ` after ${what} on line ${line}` : "";
      throw new PySyntaxError(`expected an indented block${after}`, this.tok.line, "IndentationError");
    }
    this.pos++;
    const body: Stmt[] = [];
    while (this.peek(0).type !== "dedent" && this.peek(0).type !== "eof") {
      if (this.tok.type === "newline") {
        this.pos++;
        continue;
      }
      body.push(...this.statement());
    }
    if (this.peek(0).type === "dedent") this.pos++;
    return body;
  }

  private statement(): Stmt[] {
    const t = this.tok;
    if (t.type === "name") {
      switch (t.value) {
        case "if":
          return [this.ifStatement()];
        case "while": {
          this.pos++;
          const test = this.namedExpr();
          const body = this.block("'while' statement", t.line);
          const orelse = this.isKw("else") ? this.block("'else' statement", this.toks[this.pos++].line) : [];
          return [{ k: "While", line: t.line, test, body, orelse }];
        }
        case "for": {
          this.pos++;
          const target = this.targetList();
          this.expectKw("in");
          const iter = this.exprList();
          const body = this.block("'for' statement", t.line);
          const orelse = this.isKw("else") ? this.block("'else' statement", this.toks[this.pos++].line) : [];
          return [{ k: "For", line: t.line, target, iter, body, orelse }];
        }
        case "try":
          return [this.tryStatement()];
        case "def":
          return [this.funcDef([])];
        case "class":
          return [this.classDef([])];
        case "with":
          return [this.withStatement()];
        case "match":
          if (this.peek().type === "name" || this.peek().type === "string" || this.isOp("(", this.peek()) || this.isOp("[", this.peek())) {
            // `match x:` at statement start; `match = ...` or `match(...)` stay expressions.
            const save = this.pos;
            let depth = 0;
            let j = this.pos + 1;
            for (; this.toks[j].type !== "newline" && this.toks[j].type !== "eof"; j++) {
              const v = this.toks[j];
              if (v.type === "op" && "([{".includes(v.value)) depth++;
              if (v.type === "op" && ")]}".includes(v.value)) depth--;
              if (depth === 0 && v.type === "op" && (v.value === "=" || AUG_OPS.has(v.value))) break;
            }
            const prev = this.toks[j - 1];
            if (this.toks[j].type === "newline" && prev.type === "op" && prev.value === ":") {
              throw this.error("'match' statements are not supported by Kiln's Python sandbox");
            }
            this.pos = save;
          }
          break;
        case "async":
          throw this.error(UNSUPPORTED[t.value]);
      }
    }
    if (this.isOp("@")) return [this.decorated()];
    return this.simpleStatements();
  }

  private simpleStatements(): Stmt[] {
    const out: Stmt[] = [this.simpleStatement()];
    while (this.eatOp(";")) {
      if (this.tok.type === "newline") break;
      out.push(this.simpleStatement());
    }
    if (this.tok.type !== "newline" && this.tok.type !== "eof") throw this.error();
    this.pos++;
    return out;
  }

  private simpleStatement(): Stmt {
    const t = this.tok;
    const line = t.line;
    if (t.type === "name") {
      switch (t.value) {
        case "pass":
          this.pos++;
          return { k: "Pass", line };
        case "break":
          this.pos++;
          return { k: "Break", line };
        case "continue":
          this.pos++;
          return { k: "Continue", line };
        case "return": {
          this.pos++;
          const value = this.atStatementEnd() ? null : this.exprList(true);
          return { k: "Return", line, value };
        }
        case "raise": {
          this.pos++;
          if (this.atStatementEnd()) return { k: "Raise", line, exc: null, cause: null };
          const exc = this.expr();
          const cause = this.eatKw("from") ? this.expr() : null;
          return { k: "Raise", line, exc, cause };
        }
        case "global":
        case "nonlocal": {
          this.pos++;
          const names = [this.name()];
          while (this.eatOp(",")) names.push(this.name());
          return { k: t.value === "global" ? "Global" : "Nonlocal", line, names };
        }
        case "del": {
          this.pos++;
          const targets = [this.orExpr()];
          while (this.eatOp(",")) {
            if (this.atStatementEnd()) break;
            targets.push(this.orExpr());
          }
          return { k: "Delete", line, targets };
        }
        case "assert": {
          this.pos++;
          const test = this.expr();
          const msg = this.eatOp(",") ? this.expr() : null;
          return { k: "Assert", line, test, msg };
        }
        case "import": {
          this.pos++;
          const names: { name: string; asname: string | null }[] = [];
          do {
            const name = this.dottedName();
            names.push({ name, asname: this.eatKw("as") ? this.name() : null });
          } while (this.eatOp(","));
          return { k: "Import", line, names };
        }
        case "from": {
          this.pos++;
          if (this.isOp(".") || this.isOp("...")) throw this.error("relative imports are not supported by Kiln's Python sandbox");
          const module = this.dottedName();
          this.expectKw("import");
          const names: { name: string; asname: string | null }[] = [];
          if (this.eatOp("*")) {
            names.push({ name: "*", asname: null });
            return { k: "ImportFrom", line, module, names };
          }
          const paren = this.eatOp("(");
          do {
            if (paren && this.isOp(")")) break;
            const name = this.name();
            names.push({ name, asname: this.eatKw("as") ? this.name() : null });
          } while (this.eatOp(","));
          if (paren) this.expectOp(")");
          return { k: "ImportFrom", line, module, names };
        }
        case "yield":
          return { k: "Expr", line, value: this.yieldExpr() };
        case "await":
          throw this.error(UNSUPPORTED[t.value]);
      }
    }
    const first = this.exprList(true);
    if (this.isOp(":")) {
      this.pos++;
      this.checkTarget(first);
      const annotation = this.expr();
      const value = this.eatOp("=") ? this.exprList(true) : null;
      return { k: "AnnAssign", line, target: first, annotation, value };
    }
    if (this.tok.type === "op" && AUG_OPS.has(this.tok.value)) {
      const op = this.tok.value.slice(0, -1);
      this.pos++;
      if (first.k !== "Name" && first.k !== "Attribute" && first.k !== "Subscript") {
        throw this.error("'tuple' is an illegal expression for augmented assignment");
      }
      const value = this.exprList(true);
      return { k: "AugAssign", line, target: first, op, value };
    }
    if (this.isOp("=")) {
      const targets = [first];
      let value: Expr = first;
      while (this.eatOp("=")) {
        value = this.isKw("yield") ? this.yieldExpr() : this.exprList(true);
        targets.push(value);
      }
      targets.pop();
      for (const target of targets) this.checkTarget(target);
      return { k: "Assign", line, targets, value };
    }
    return { k: "Expr", line, value: first };
  }

  /** `yield`, `yield v`, `yield a, b` or `yield from it`, at the start of a statement or an assignment's value. */
  private yieldExpr(): Expr {
    const line = this.tok.line;
    if (this.funcDepth === 0) throw this.error("'yield' outside function");
    this.pos++;
    if (this.eatKw("from")) return { k: "Yield", line, value: this.expr(), isFrom: true };
    return { k: "Yield", line, value: this.atStatementEnd() ? null : this.exprList(true), isFrom: false };
  }

  private checkTarget(e: Expr): void {
    switch (e.k) {
      case "Name":
      case "Attribute":
      case "Subscript":
        return;
      case "Tuple":
      case "List":
        for (const x of e.elts) this.checkTarget(x);
        return;
      case "Starred":
        this.checkTarget(e.value);
        return;
      case "Call":
        throw new PySyntaxError("cannot assign to function call here. Maybe you meant '==' instead of '='?", e.line);
      case "Const":
        throw new PySyntaxError("cannot assign to literal here. Maybe you meant '==' instead of '='?", e.line);
      default:
        throw new PySyntaxError("cannot assign to expression here. Maybe you meant '==' instead of '='?", e.line);
    }
  }

  private atStatementEnd(): boolean {
    const t = this.tok;
    return t.type === "newline" || t.type === "eof" || this.isOp(";");
  }

  private dottedName(): string {
    let name = this.name();
    while (this.eatOp(".")) name += `.${this.name()}`;
    return name;
  }

  private ifStatement(): Stmt {
    const line = this.tok.line;
    const kw = this.tok.value;
    this.pos++;
    const test = this.namedExpr();
    const body = this.block(`'${kw}' statement`, line);
    let orelse: Stmt[] = [];
    if (this.isKw("elif")) orelse = [this.ifStatement()];
    else if (this.isKw("else")) orelse = this.block("'else' statement", this.toks[this.pos++].line);
    return { k: "If", line, test, body, orelse };
  }

  private tryStatement(): Stmt {
    const line = this.tok.line;
    this.pos++;
    const body = this.block("'try' statement", line);
    const handlers = [];
    while (this.isKw("except")) {
      const hline = this.tok.line;
      this.pos++;
      if (this.isOp("*")) throw this.error("'except*' is not supported by Kiln's Python sandbox");
      let type: Expr | null = null;
      let name: string | null = null;
      if (!this.isOp(":")) {
        type = this.expr();
        if (this.eatKw("as")) name = this.name();
        else if (this.isOp(",")) throw this.error("multiple exception types must be parenthesized");
      }
      handlers.push({ type, name, body: this.block("'except' statement", hline), line: hline });
    }
    const orelse = handlers.length && this.isKw("else") ? this.block("'else' statement", this.toks[this.pos++].line) : [];
    const finalbody = this.isKw("finally") ? this.block("'finally' statement", this.toks[this.pos++].line) : [];
    if (!handlers.length && !finalbody.length) throw this.error("expected 'except' or 'finally' block");
    return { k: "Try", line, body, handlers, orelse, finalbody };
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.eatOp("@")) {
      decorators.push(this.namedExpr());
      if (this.tok.type !== "newline") throw this.error();
      this.pos++;
      while (this.tok.type === "newline") this.pos++;
    }
    if (this.isKw("def")) return this.funcDef(decorators);
    if (this.isKw("class")) return this.classDef(decorators);
    if (this.isKw("async")) throw this.error(UNSUPPORTED.async);
    throw this.error();
  }

  private classDef(decorators: Expr[]): Stmt {
    const line = this.tok.line;
    this.pos++;
    const name = this.name();
    let bases: Expr[] = [];
    let keywords: Keyword[] = [];
    if (this.eatOp("(")) {
      const call = this.callArgs({ k: "Name", line, id: name }, line) as Extract<Expr, { k: "Call" }>;
      bases = call.args;
      keywords = call.keywords;
    }
    const outer = privateOwner;
    const outerDepth = this.funcDepth;
    privateOwner = name;
    this.funcDepth = 0;
    try {
      const body = this.block("class definition", line);
      const info = makeFunction(name, [], body);
      info.isClass = true;
      return { k: "ClassDef", line, name, bases, keywords, info, decorators };
    } finally {
      privateOwner = outer;
      this.funcDepth = outerDepth;
    }
  }

  private withStatement(): Stmt {
    const line = this.tok.line;
    this.pos++;
    let items: WithItem[] | null = null;
    if (this.isOp("(")) {
      // `with (a as b, c as d):` — or a parenthesised expression such as `with (a):`
      const save = this.pos;
      try {
        this.pos++;
        items = this.withItems(")");
        this.expectOp(")");
        if (!this.isOp(":")) throw this.error();
      } catch (e) {
        if (!(e instanceof PySyntaxError)) throw e;
        this.pos = save;
        items = null;
      }
    }
    items ??= this.withItems(":");
    const body = this.block("'with' statement", line);
    return { k: "With", line, items, body };
  }

  private withItems(close: string): WithItem[] {
    const items: WithItem[] = [];
    do {
      if (this.isOp(close) && items.length) break;
      const context = this.expr();
      let target: Expr | null = null;
      if (this.eatKw("as")) {
        target = this.isOp("(") || this.isOp("[") ? this.atom() : this.primary();
        this.checkTarget(target);
      }
      items.push({ context, target });
    } while (this.eatOp(","));
    return items;
  }

  private funcDef(decorators: Expr[]): Stmt {
    const line = this.tok.line;
    this.pos++;
    const name = this.name();
    this.expectOp("(");
    const params = this.params(")");
    this.expectOp(")");
    if (this.eatOp("->")) this.expr();
    this.funcDepth++;
    let body: Stmt[];
    try {
      body = this.block("function definition", line);
    } finally {
      this.funcDepth--;
    }
    return { k: "FunctionDef", line, fn: makeFunction(name, params, body), decorators };
  }

  private params(close: string): Param[] {
    const params: Param[] = [];
    let kwonly = false;
    const seen = new Set<string>();
    const add = (p: Param) => {
      if (seen.has(p.name)) throw this.error(`duplicate argument '${p.name}' in function definition`);
      seen.add(p.name);
      params.push(p);
    };
    while (!this.isOp(close)) {
      if (this.eatOp("/")) {
        // positional-only marker: accepted, the parameters stay usable by keyword
      } else if (this.eatOp("**")) {
        add({ name: this.name(), default: null, kind: "kwarg" });
        if (close === ")" && this.eatOp(":")) this.expr();
      } else if (this.eatOp("*")) {
        kwonly = true;
        if (!this.isOp(",") && !this.isOp(close)) {
          add({ name: this.name(), default: null, kind: "vararg" });
          if (close === ")" && this.eatOp(":")) this.expr();
        }
      } else {
        const name = this.name();
        if (close === ")" && this.eatOp(":")) this.expr();
        const def = this.eatOp("=") ? this.expr() : null;
        if (!def && !kwonly && params.some((p) => p.default && p.kind === "pos")) {
          throw this.error("non-default argument follows default argument");
        }
        add({ name, default: def, kind: kwonly ? "kwonly" : "pos" });
      }
      if (!this.eatOp(",")) break;
    }
    return params;
  }

  // ---- expressions ---------------------------------------------------------------------------

  /** A comma-separated list; more than one item (or a trailing comma) makes a tuple. */
  private exprList(allowStar = false): Expr {
    const line = this.tok.line;
    const first = allowStar && this.isOp("*") ? this.starred() : this.namedExpr();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.eatOp(",")) {
      if (this.atExprListEnd()) break;
      elts.push(allowStar && this.isOp("*") ? this.starred() : this.namedExpr());
    }
    return { k: "Tuple", line, elts };
  }

  private atExprListEnd(): boolean {
    const t = this.tok;
    if (t.type === "newline" || t.type === "eof") return true;
    return t.type === "op" && ["=", ")", "]", "}", ":", ";"].includes(t.value) || (t.type === "op" && AUG_OPS.has(t.value));
  }

  private targetList(): Expr {
    const line = this.tok.line;
    const one = () => (this.isOp("*") ? this.starred() : this.orExpr());
    const first = one();
    if (!this.isOp(",")) {
      this.checkTarget(first);
      return first;
    }
    const elts = [first];
    while (this.eatOp(",")) {
      if (this.isKw("in")) break;
      elts.push(one());
    }
    const target: Expr = { k: "Tuple", line, elts };
    this.checkTarget(target);
    return target;
  }

  private starred(): Expr {
    const line = this.tok.line;
    this.expectOp("*");
    return { k: "Starred", line, value: this.orExpr() };
  }

  private namedExpr(): Expr {
    if (this.tok.type === "name" && this.isOp(":=", this.peek())) {
      const line = this.tok.line;
      const target = this.name();
      this.pos++;
      return { k: "NamedExpr", line, target, value: this.expr() };
    }
    return this.expr();
  }

  expr(): Expr {
    const line = this.tok.line;
    if (this.isKw("lambda")) {
      this.pos++;
      const params = this.params(":");
      this.expectOp(":");
      const body = this.expr();
      return { k: "Lambda", line, fn: makeFunction("<lambda>", params, [{ k: "Return", line, value: body }]) };
    }
    if (this.isKw("yield") || this.isKw("await")) throw this.error(UNSUPPORTED[this.tok.value]);
    const body = this.orTest();
    if (this.isKw("if")) {
      this.pos++;
      const test = this.orTest();
      if (!this.eatKw("else")) throw this.error("expected 'else' after 'if' expression");
      const orelse = this.expr();
      return { k: "IfExp", line, test, body, orelse };
    }
    return body;
  }

  private orTest(): Expr {
    const line = this.tok.line;
    const first = this.andTest();
    if (!this.isKw("or")) return first;
    const values = [first];
    while (this.eatKw("or")) values.push(this.andTest());
    return { k: "BoolOp", line, op: "or", values };
  }

  private andTest(): Expr {
    const line = this.tok.line;
    const first = this.notTest();
    if (!this.isKw("and")) return first;
    const values = [first];
    while (this.eatKw("and")) values.push(this.notTest());
    return { k: "BoolOp", line, op: "and", values };
  }

  private notTest(): Expr {
    const line = this.tok.line;
    if (this.eatKw("not")) return { k: "UnaryOp", line, op: "not", operand: this.notTest() };
    return this.comparison();
  }

  private comparison(): Expr {
    const line = this.tok.line;
    const left = this.orExpr();
    const ops: string[] = [];
    const comparators: Expr[] = [];
    for (;;) {
      const t = this.tok;
      let op: string | null = null;
      if (t.type === "op" && COMPARE_OPS.has(t.value)) {
        op = t.value;
        this.pos++;
      } else if (this.isKw("in")) {
        op = "in";
        this.pos++;
      } else if (this.isKw("not") && this.isKw("in", this.peek())) {
        op = "not in";
        this.pos += 2;
      } else if (this.isKw("is")) {
        this.pos++;
        op = this.eatKw("not") ? "is not" : "is";
      }
      if (!op) break;
      ops.push(op);
      comparators.push(this.orExpr());
    }
    return ops.length ? { k: "Compare", line, left, ops, comparators } : left;
  }

  private binary(next: () => Expr, ops: string[]): Expr {
    let left = next();
    while (this.tok.type === "op" && ops.includes(this.tok.value)) {
      const t = this.tok;
      this.pos++;
      left = { k: "BinOp", line: t.line, op: t.value, left, right: next() };
    }
    return left;
  }
  private orExpr = (): Expr => this.binary(this.xorExpr, ["|"]);
  private xorExpr = (): Expr => this.binary(this.andExpr, ["^"]);
  private andExpr = (): Expr => this.binary(this.shiftExpr, ["&"]);
  private shiftExpr = (): Expr => this.binary(this.arith, ["<<", ">>"]);
  private arith = (): Expr => this.binary(this.term, ["+", "-"]);
  private term = (): Expr => this.binary(this.factor, ["*", "/", "//", "%", "@"]);

  private factor = (): Expr => {
    const t = this.tok;
    if (t.type === "op" && (t.value === "-" || t.value === "+" || t.value === "~")) {
      this.pos++;
      const operand = this.factor();
      if (t.value === "-" && operand.k === "Const" && (typeof operand.value === "bigint" || typeof operand.value === "number") && !this.isOp("**")) {
        return { k: "Const", line: t.line, value: -operand.value };
      }
      return { k: "UnaryOp", line: t.line, op: t.value, operand };
    }
    return this.power();
  };

  private power(): Expr {
    const base = this.primary();
    if (this.isOp("**")) {
      const line = this.tok.line;
      this.pos++;
      return { k: "BinOp", line, op: "**", left: base, right: this.factor() };
    }
    return base;
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      const t = this.tok;
      if (this.isOp("(")) {
        this.pos++;
        e = this.callArgs(e, t.line);
      } else if (this.isOp("[")) {
        this.pos++;
        const index = this.subscriptList();
        this.expectOp("]");
        e = { k: "Subscript", line: t.line, value: e, index };
      } else if (this.isOp(".")) {
        this.pos++;
        const attr = this.tok;
        if (attr.type !== "name") throw this.error();
        this.pos++;
        e = { k: "Attribute", line: t.line, value: e, attr: mangle(attr.value) };
      } else return e;
    }
  }

  private callArgs(func: Expr, line: number): Expr {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(")")) {
      if (this.eatOp("**")) keywords.push({ name: null, value: this.expr() });
      else if (this.isOp("*")) args.push(this.starred());
      else if (this.tok.type === "name" && this.isOp("=", this.peek())) {
        const name = this.name();
        this.pos++;
        if (keywords.some((k) => k.name === name)) throw this.error(`keyword argument repeated: ${name}`);
        keywords.push({ name, value: this.expr() });
      } else {
        const arg = this.namedExpr();
        if (this.isKw("for")) {
          args.push({ k: "GeneratorExp", line: arg.line, elt: arg, gens: this.comprehension() });
        } else {
          if (keywords.length) throw this.error("positional argument follows keyword argument");
          args.push(arg);
        }
      }
      if (!this.eatOp(",")) break;
    }
    this.expectOp(")");
    return { k: "Call", line, func, args, keywords };
  }

  private subscriptList(): Expr {
    const line = this.tok.line;
    const first = this.subscript();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.eatOp(",")) {
      if (this.isOp("]")) break;
      elts.push(this.subscript());
    }
    return { k: "Tuple", line, elts };
  }

  private subscript(): Expr {
    const line = this.tok.line;
    const lower = this.isOp(":") ? null : this.namedExpr();
    if (!this.isOp(":")) return lower!;
    this.pos++;
    const upper = this.isOp(":") || this.isOp("]") || this.isOp(",") ? null : this.expr();
    let step: Expr | null = null;
    if (this.eatOp(":")) step = this.isOp("]") || this.isOp(",") ? null : this.expr();
    return { k: "Slice", line, lower, upper, step };
  }

  private comprehension(): Comprehension[] {
    const gens: Comprehension[] = [];
    while (this.isKw("for") || (this.isKw("async") && this.isKw("for", this.peek()))) {
      if (this.isKw("async")) throw this.error(UNSUPPORTED.async);
      this.pos++;
      const target = this.targetList();
      this.expectKw("in");
      const iter = this.orTest();
      const ifs: Expr[] = [];
      while (this.eatKw("if")) ifs.push(this.orTestNoCond());
      gens.push({ target, iter, ifs });
    }
    return gens;
  }

  private orTestNoCond(): Expr {
    if (this.isKw("lambda")) return this.expr();
    return this.orTest();
  }

  private atom(): Expr {
    const t = this.tok;
    const line = t.line;
    switch (t.type) {
      case "int":
        this.pos++;
        return { k: "Const", line, value: parseIntLiteral(t.value, line) };
      case "float":
        this.pos++;
        return { k: "Const", line, value: Number(t.value) };
      case "string":
        return this.strings();
      case "name":
        switch (t.value) {
          case "None":
            this.pos++;
            return { k: "Const", line, value: null };
          case "True":
            this.pos++;
            return { k: "Const", line, value: true };
          case "False":
            this.pos++;
            return { k: "Const", line, value: false };
        }
        return { k: "Name", line, id: this.name() };
      case "op":
        break;
      default:
        if (t.type === "indent") throw new PySyntaxError("unexpected indent", line, "IndentationError");
        throw this.error();
    }
    if (this.eatOp("...")) return { k: "Const", line, value: null };
    if (this.eatOp("(")) {
      if (this.eatOp(")")) return { k: "Tuple", line, elts: [] };
      const first = this.isOp("*") ? this.starred() : this.namedExpr();
      if (this.isKw("for")) {
        const gens = this.comprehension();
        this.expectOp(")");
        return { k: "GeneratorExp", line, elt: first, gens };
      }
      if (this.eatOp(")")) {
        if (first.k === "Starred") throw this.error("cannot use starred expression here");
        return first;
      }
      const elts = [first];
      while (this.eatOp(",")) {
        if (this.isOp(")")) break;
        elts.push(this.isOp("*") ? this.starred() : this.namedExpr());
      }
      this.expectOp(")");
      return { k: "Tuple", line, elts };
    }
    if (this.eatOp("[")) {
      if (this.eatOp("]")) return { k: "List", line, elts: [] };
      const first = this.isOp("*") ? this.starred() : this.namedExpr();
      if (this.isKw("for")) {
        const gens = this.comprehension();
        this.expectOp("]");
        return { k: "ListComp", line, elt: first, gens };
      }
      const elts = [first];
      while (this.eatOp(",")) {
        if (this.isOp("]")) break;
        elts.push(this.isOp("*") ? this.starred() : this.namedExpr());
      }
      this.expectOp("]");
      return { k: "List", line, elts };
    }
    if (this.eatOp("{")) {
      if (this.eatOp("}")) return { k: "Dict", line, keys: [], values: [] };
      if (this.eatOp("**")) return this.dictRest(line, null, this.orExpr());
      const first = this.isOp("*") ? this.starred() : this.namedExpr();
      if (this.eatOp(":")) {
        const value = this.expr();
        if (this.isKw("for")) {
          const gens = this.comprehension();
          this.expectOp("}");
          return { k: "DictComp", line, key: first, value, gens };
        }
        return this.dictRest(line, first, value);
      }
      if (this.isKw("for")) {
        const gens = this.comprehension();
        this.expectOp("}");
        return { k: "SetComp", line, elt: first, gens };
      }
      const elts = [first];
      while (this.eatOp(",")) {
        if (this.isOp("}")) break;
        elts.push(this.isOp("*") ? this.starred() : this.namedExpr());
      }
      this.expectOp("}");
      return { k: "Set", line, elts };
    }
    throw this.error();
  }

  private dictRest(line: number, key: Expr | null, value: Expr): Expr {
    const keys = [key];
    const values = [value];
    while (this.eatOp(",")) {
      if (this.isOp("}")) break;
      if (this.eatOp("**")) {
        keys.push(null);
        values.push(this.orExpr());
      } else {
        keys.push(this.expr());
        this.expectOp(":");
        values.push(this.expr());
      }
    }
    this.expectOp("}");
    return { k: "Dict", line, keys, values };
  }

  private strings(): Expr {
    const line = this.tok.line;
    const parts: FPart[] = [];
    let isBytes: boolean | null = null;
    let hasF = false;
    while (this.tok.type === "string") {
      const t = this.tok;
      this.pos++;
      const b = t.prefix!.includes("b");
      if (isBytes !== null && b !== isBytes) throw new PySyntaxError("cannot mix bytes and nonbytes literals", t.line);
      isBytes = b;
      if (t.prefix!.includes("f")) {
        hasF = true;
        parts.push(...parseFString(t.raw!, t.prefix!.includes("r"), t.line));
      } else parts.push(t.value);
    }
    if (isBytes) {
      const s = parts.join("");
      const data = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 255) throw new PySyntaxError("bytes can only contain ASCII literal characters", line);
        data[i] = c;
      }
      return { k: "Const", line, value: new PyBytes(data) };
    }
    if (!hasF) return { k: "Const", line, value: parts.join("") };
    return { k: "FString", line, parts };
  }
}

function parseIntLiteral(text: string, line: number): bigint {
  if (/^0[0-9]+$/.test(text) && !/^0+$/.test(text)) {
    throw new PySyntaxError("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", line);
  }
  try {
    return BigInt(text.replace(/^0o/i, "0o").replace(/^0X/, "0x").replace(/^0B/, "0b").replace(/^0O/, "0o"));
  } catch {
    throw new PySyntaxError("invalid syntax", line);
  }
}

/** Splits an f-string body into literal text and replacement fields, parsing each expression. */
function parseFString(raw: string, isRaw: boolean, line: number): FPart[] {
  const parts: FPart[] = [];
  let lit = "";
  let i = 0;
  const flush = () => {
    if (lit) parts.push(isRaw ? lit : decodeEscapes(lit, false, line));
    lit = "";
  };
  while (i < raw.length) {
    const c = raw[i];
    if (c === "{" && raw[i + 1] === "{") {
      lit += "{";
      i += 2;
    } else if (c === "}" && raw[i + 1] === "}") {
      lit += "}";
      i += 2;
    } else if (c === "}") {
      throw new PySyntaxError("f-string: single '}' is not allowed", line);
    } else if (c === "{") {
      flush();
      const [field, end] = parseField(raw, i + 1, isRaw, line);
      parts.push(...field);
      i = end;
    } else {
      lit += c;
      i++;
    }
  }
  flush();
  return parts;
}

function parseField(raw: string, start: number, isRaw: boolean, line: number): [FPart[], number] {
  let i = start;
  let depth = 0;
  let quote: string | null = null;
  for (; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && c === "!" && raw[i + 1] !== "=") break;
    else if (depth === 0 && c === ":") break;
  }
  let exprText = raw.slice(start, i);
  if (!exprText.trim()) throw new PySyntaxError("f-string: empty expression not allowed", line);
  const out: FPart[] = [];
  let selfDoc = false;
  const m = /^(.*[^=!<>])=(\s*)$/s.exec(exprText);
  if (m && !/[=!<>]$/.test(m[1])) {
    selfDoc = true;
    out.push(exprText);
    exprText = m[1];
  }
  let expr: Expr;
  try {
    const p = new Parser(tokenize(`(${exprText.replace(/\n/g, " ")})`));
    expr = p.expr();
  } catch (e) {
    if (e instanceof PySyntaxError) throw new PySyntaxError(`f-string: ${e.message}`, line);
    throw e;
  }
  let conv: string | null = selfDoc ? "r" : null;
  if (raw[i] === "!") {
    conv = raw[i + 1];
    if (!"rsa".includes(conv ?? "x")) throw new PySyntaxError("f-string: invalid conversion character: expected 's', 'r', or 'a'", line);
    i += 2;
  }
  let spec: FPart[] | null = null;
  if (raw[i] === ":") {
    i++;
    const specStart = i;
    let d = 0;
    for (; i < raw.length; i++) {
      if (raw[i] === "{") d++;
      else if (raw[i] === "}") {
        if (d === 0) break;
        d--;
      }
    }
    spec = parseFString(raw.slice(specStart, i), isRaw, line);
    if (selfDoc) conv = null;
  }
  if (raw[i] !== "}") throw new PySyntaxError("f-string: expecting '}'", line);
  out.push({ expr, conv, spec });
  return [out, i + 1];
}

/** Builds a function's scope information: which names are local, global or nonlocal. */
function makeFunction(name: string, params: Param[], body: Stmt[]): FunctionInfo {
  const locals = new Set<string>(params.map((p) => p.name));
  const globals = new Set<string>();
  const nonlocals = new Set<string>();
  const target = (e: Expr) => {
    switch (e.k) {
      case "Name":
        locals.add(e.id);
        break;
      case "Tuple":
      case "List":
        for (const x of e.elts) target(x);
        break;
      case "Starred":
        target(e.value);
        break;
    }
  };
  const walrus = (e: unknown): void => {
    if (!e || typeof e !== "object") return;
    if (Array.isArray(e)) {
      for (const x of e) walrus(x);
      return;
    }
    const node = e as { k?: string; target?: string };
    if (node.k === "Lambda") return;
    if (node.k === "NamedExpr") locals.add(node.target!);
    for (const v of Object.values(node)) if (v && typeof v === "object") walrus(v);
  };
  /** Marks the statements that contain a yield; returns whether any does. */
  const visit = (stmts: Stmt[]): boolean => {
    let any = false;
    for (const s of stmts) {
      let yields = (s.k === "Expr" || s.k === "Assign") && s.value.k === "Yield";
      const inner = (body: Stmt[]) => {
        if (visit(body)) yields = true;
      };
      switch (s.k) {
        case "Assign":
          for (const t of s.targets) target(t);
          walrus(s.value);
          break;
        case "AugAssign":
        case "AnnAssign":
          target(s.target);
          if (s.value) walrus(s.value);
          break;
        case "For":
          target(s.target);
          walrus(s.iter);
          inner(s.body);
          inner(s.orelse);
          break;
        case "While":
        case "If":
          walrus(s.test);
          inner(s.body);
          inner(s.orelse);
          break;
        case "Try":
          inner(s.body);
          for (const h of s.handlers) {
            if (h.name) locals.add(h.name);
            inner(h.body);
          }
          inner(s.orelse);
          inner(s.finalbody);
          break;
        case "Delete":
          for (const t of s.targets) target(t);
          break;
        case "FunctionDef":
        case "ClassDef":
          locals.add(s.k === "ClassDef" ? s.name : s.fn.name);
          break;
        case "With":
          for (const item of s.items) {
            walrus(item.context);
            if (item.target) target(item.target);
          }
          inner(s.body);
          break;
        case "Import":
          for (const n of s.names) locals.add(n.asname ?? n.name.split(".")[0]);
          break;
        case "ImportFrom":
          for (const n of s.names) if (n.name !== "*") locals.add(n.asname ?? n.name);
          break;
        case "Global":
          for (const n of s.names) globals.add(n);
          break;
        case "Nonlocal":
          for (const n of s.names) nonlocals.add(n);
          break;
        case "Expr":
        case "Return":
          walrus(s.value);
          break;
      }
      if (yields) {
        s.yields = true;
        any = true;
      }
    }
    return any;
  };
  const isGenerator = visit(body);
  for (const g of globals) locals.delete(g);
  for (const g of nonlocals) locals.delete(g);
  const first = body[0];
  const docstring = first?.k === "Expr" && first.value.k === "Const" && typeof first.value.value === "string" ? first.value.value : null;
  return { name, params, body, locals, globals, nonlocals, docstring, isGenerator };
}
