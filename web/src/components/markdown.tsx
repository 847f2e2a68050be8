// Renders a model's Markdown answer as React elements (see lib/markdown.ts): nothing the model
// writes is ever inserted as HTML.
// biome-ignore-all lint/suspicious/noArrayIndexKey: the tree is positional and re-parsed whole on each change, so a node's index is its identity.
import { lazy, type ReactNode, Suspense, useMemo } from "react";
import { CopyButton } from "./ui/copy-button";
import { cn } from "../lib/cn";
import { parseEChartsOption } from "../lib/echarts-option";
import { type Align, type Block, type Inline, parseBlocks } from "../lib/markdown";

const EChartsChart = lazy(() => import("./echarts-chart"));

function inlines(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return n.text;
      case "strong":
        return (
          <strong key={i} className="font-semibold">
            {inlines(n.children)}
          </strong>
        );
      case "em":
        return <em key={i}>{inlines(n.children)}</em>;
      case "del":
        return <del key={i}>{inlines(n.children)}</del>;
      case "code":
        return (
          <code key={i} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] text-zinc-800">
            {n.text}
          </code>
        );
      case "link":
        return (
          <a
            key={i}
            href={n.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-600"
          >
            {inlines(n.children)}
          </a>
        );
      case "br":
        return <br key={i} />;
      default:
        return null;
    }
  });
}

const ALIGN: Record<Exclude<Align, null>, string> = { left: "text-left", center: "text-center", right: "text-right" };

function CodeBlock({ lang, text }: { lang: string; text: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-zinc-950">
      <div className="flex items-center justify-between border-b border-white/10 py-1 pr-1 pl-3">
        <span className="font-mono text-[11px] text-zinc-400">{lang || "text"}</span>
        <div className="[&_button]:h-7 [&_button]:border-0 [&_button]:bg-transparent [&_button]:text-zinc-300 [&_button]:shadow-none [&_button:hover]:bg-white/10">
          <CopyButton text={text} />
        </div>
      </div>
      <pre className="overflow-x-auto p-3 font-mono text-[12.5px] leading-relaxed text-zinc-100">
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** A ```echarts block drawn as its chart, as Dify's chat does; code until it parses (still streaming) or when Kiln cannot draw that kind of chart. */
function ChartBlock({ text }: { text: string }) {
  const chart = useMemo(() => parseEChartsOption(text), [text]);
  const code = <CodeBlock lang="echarts" text={text} />;
  if (!chart) return code;
  return (
    <Suspense fallback={code}>
      <EChartsChart chart={chart} />
    </Suspense>
  );
}

function blocks(nodes: Block[]): ReactNode[] {
  return nodes.map((b, i) => {
    switch (b.type) {
      case "heading": {
        const size = ["text-xl", "text-lg", "text-base", "text-[15px]", "text-sm", "text-sm"][b.level - 1];
        const Tag = `h${b.level}` as "h1";
        return (
          <Tag key={i} className={cn("font-semibold text-zinc-900", size)}>
            {inlines(b.children)}
          </Tag>
        );
      }
      case "paragraph":
        return <p key={i}>{inlines(b.children)}</p>;
      case "code":
        return b.lang.toLowerCase() === "echarts" ? <ChartBlock key={i} text={b.text} /> : <CodeBlock key={i} lang={b.lang} text={b.text} />;
      case "list": {
        const items = b.items.map((item, n) => (
          <li key={n} className="space-y-2 pl-1">
            {blocks(item)}
          </li>
        ));
        return b.ordered ? (
          <ol key={i} start={b.start} className="list-decimal space-y-1 pl-6 marker:text-zinc-400">
            {items}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-1 pl-6 marker:text-zinc-400">
            {items}
          </ul>
        );
      }
      case "blockquote":
        return (
          <blockquote key={i} className="space-y-2 border-l-3 border-zinc-300 pl-3 text-zinc-600">
            {blocks(b.children)}
          </blockquote>
        );
      case "hr":
        return <hr key={i} className="border-zinc-200" />;
      case "table":
        return (
          <div key={i} className="overflow-x-auto rounded-lg border border-zinc-200">
            <table className="w-full border-collapse text-left text-[13px]">
              <thead className="bg-zinc-50">
                <tr>
                  {b.header.map((cell, n) => (
                    <th key={n} className={cn("border-b border-zinc-200 px-3 py-2 font-semibold", b.align[n] && ALIGN[b.align[n]])}>
                      {inlines(cell)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((row, r) => (
                  <tr key={r} className="border-b border-zinc-100 last:border-0">
                    {row.map((cell, n) => (
                      <td key={n} className={cn("px-3 py-2 align-top", b.align[n] && ALIGN[b.align[n]])}>
                        {inlines(cell)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      default:
        return null;
    }
  });
}

export function Markdown({ text, className }: { text: string; className?: string }) {
  const tree = useMemo(() => parseBlocks(text), [text]);
  return <div className={cn("space-y-3 leading-relaxed break-words", className)}>{blocks(tree)}</div>;
}
