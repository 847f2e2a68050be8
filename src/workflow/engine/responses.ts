// Streams response nodes (Answer and End, in both app modes, as Dify's graph engine does: an
// Answer node a workflow app imported streams as text chunks, an End node in a chatflow as message
// text) in order while the run is still going: one session streams at a time; a session opens
// once every branch above its node has decided (so its node will run); its template's text goes
// out at once, a variable whose node streams (an LLM) is forwarded chunk by chunk, any other
// variable when its node finishes.
import type { NodeChunk } from "../nodes/types";
import { markdownOf, VARIABLE_TEMPLATE, type VariablePool } from "../variables";
import { ancestorsOf, type CompiledGraph, type CompiledNode, isBranching, type Reach } from "./compile";

type Segment = { text: string } | { selector: string[]; key: string };

interface Session {
  node: CompiledNode;
  segments: Segment[];
  cursor: number;
  /** Chunks of the current variable segment already forwarded. */
  sent: number;
  branchDeps: number[];
  /** Upstream nodes that may write conversation variables; `{{#conversation.x#}}` waits for them. */
  writerDeps: number[];
}

const PENDING = 0;
const DONE = 1;
const SKIPPED = 2;

const WRITERS = new Set(["assigner", "loop", "iteration"]);

function segmentsOf(node: CompiledNode): Segment[] {
  const data = node.node.data as Record<string, unknown>;
  if (node.type === "end") {
    // Dify's End template: the outputs' values, a newline between two (an output without a
    // variable adds only its newline), no trailing newline.
    const outputs = Array.isArray(data.outputs) ? data.outputs : [];
    const segments: Segment[] = [];
    outputs.forEach((o, i) => {
      if (i > 0) segments.push({ text: "\n" });
      const selector = (o as { value_selector?: unknown }).value_selector;
      if (Array.isArray(selector) && selector.length >= 2) segments.push({ selector, key: selector.join(".") });
    });
    if (segments.length > 0 && "text" in segments[segments.length - 1]) segments.pop();
    return segments;
  }
  const template = typeof data.answer === "string" ? data.answer : "";
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(VARIABLE_TEMPLATE)) {
    if (match.index > last) segments.push({ text: template.slice(last, match.index) });
    const selector = match[1].split(".");
    segments.push({ selector, key: selector.join(".") });
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ text: template.slice(last) });
  return segments;
}

export class ResponseStream {
  private readonly status: Uint8Array;
  private readonly chunks = new Map<string, string[]>();
  private waiting: Session[];
  private readonly active: Session[] = [];
  /** Sessions whose whole template is out, with their segment counts. */
  private readonly finished: Record<string, number> = {};

  constructor(
    private readonly graph: CompiledGraph,
    private readonly reach: Reach,
    private readonly pool: VariablePool,
    private readonly send: (text: string, selector: string[]) => void,
  ) {
    this.status = new Uint8Array(graph.nodes.length);
    this.waiting = reach.order
      .filter((n) => n.type === "answer" || n.type === "end")
      .map((node) => {
        const ancestors = ancestorsOf(graph, reach, node);
        return {
          node,
          segments: segmentsOf(node),
          cursor: 0,
          sent: 0,
          branchDeps: ancestors.filter((a) => isBranching(graph, a)).map((a) => a.index),
          writerDeps: ancestors.filter((a) => WRITERS.has(a.type)).map((a) => a.index),
        };
      });
  }

  /** How far each response node's template is out (a paused run's snapshot); finished ones included. */
  progress(): Record<string, number> {
    const out: Record<string, number> = { ...this.finished };
    for (const s of [...this.active, ...this.waiting]) if (s.cursor > 0) out[s.node.id] = s.cursor;
    return out;
  }

  /** Takes up a paused run's response streams where they were: nothing already out is sent again. */
  restore(progress: Record<string, number>): void {
    this.waiting = this.waiting.filter((s) => {
      const cursor = progress[s.node.id];
      if (cursor === undefined) return true;
      s.cursor = cursor;
      if (cursor < s.segments.length) return true;
      this.finished[s.node.id] = cursor;
      return false;
    });
  }

  get isIdle(): boolean {
    return this.waiting.length === 0 && this.active.length === 0;
  }

  onChunk(chunk: NodeChunk): void {
    if (this.isIdle) return;
    const key = chunk.selector.join(".");
    let list = this.chunks.get(key);
    if (!list) {
      list = [];
      this.chunks.set(key, list);
    }
    list.push(chunk.text);
    this.pump();
  }

  onResolved(node: CompiledNode, skipped: boolean): void {
    this.status[node.index] = skipped ? SKIPPED : DONE;
    if (!this.isIdle) this.pump();
  }

  private resolved = (deps: number[]) => deps.every((d) => this.status[d] !== PENDING);

  private pump(): void {
    if (this.waiting.length > 0) {
      const still: Session[] = [];
      for (const s of this.waiting) {
        if (this.status[s.node.index] === SKIPPED) continue;
        if (this.resolved(s.branchDeps)) this.active.push(s);
        else still.push(s);
      }
      this.waiting = still;
    }
    while (this.active.length > 0) {
      const head = this.active[0];
      if (this.status[head.node.index] === SKIPPED) this.active.shift();
      else if (this.advance(head)) {
        this.finished[head.node.id] = head.cursor;
        this.active.shift();
      } else break;
    }
  }

  private isReady(session: Session, selector: string[]): boolean {
    if (selector[0] === "conversation") return this.resolved(session.writerDeps);
    const source = this.graph.byId.get(selector[0]);
    if (!source || !this.reach.reachable[source.index]) return true;
    return this.status[source.index] !== PENDING;
  }

  /** Emits what the session can; true once its whole template is out. */
  private advance(s: Session): boolean {
    const nodeDone = this.status[s.node.index] === DONE;
    while (s.cursor < s.segments.length) {
      const seg = s.segments[s.cursor];
      if ("text" in seg) {
        this.emit(seg.text, [s.node.id, "answer"]);
      } else {
        const streamed = this.chunks.get(seg.key);
        if (streamed) {
          for (; s.sent < streamed.length; s.sent++) this.emit(streamed[s.sent], seg.selector);
        }
        if (!nodeDone && !this.isReady(s, seg.selector)) return false;
        // a value no node streamed is printed whole, in its Markdown form (Dify: segment.markdown)
        if (!streamed) this.emit(markdownOf(this.pool.get(seg.selector)), seg.selector);
      }
      s.cursor++;
      s.sent = 0;
    }
    return true;
  }

  private emit(text: string, selector: string[]): void {
    if (text !== "") this.send(text, selector);
  }
}
