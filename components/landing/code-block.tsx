import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * Light shell highlighting: comments, the command, flags and quoted strings. Tokens only wrap the text, so the
 * block's textContent is exactly the runnable command (the e2e test runs it).
 */
function highlight(code: string): ReactNode[] {
  return code.split("\n").flatMap((line, i) => {
    const parts: ReactNode[] = i > 0 ? ["\n"] : [];
    if (line.trimStart().startsWith("#"))
      return [
        ...parts,
        <span key={i} className="text-slate-500">
          {line}
        </span>,
      ];
    line.split(/('[^']*'?|"[^"]*"|(?:^|\s)-[A-Za-z]\b|\bcurl\b|\bexport\b)/).forEach((token, j) => {
      if (!token) return;
      const key = `${i}-${j}`;
      if (/^['"]/.test(token))
        parts.push(
          <span key={key} className="text-emerald-300">
            {token}
          </span>,
        );
      else if (/^\s?-[A-Za-z]$/.test(token))
        parts.push(
          <span key={key} className="text-sky-300">
            {token}
          </span>,
        );
      else if (token === "curl" || token === "export")
        parts.push(
          <span key={key} className="text-fuchsia-300">
            {token}
          </span>,
        );
      else parts.push(token);
    });
    return parts;
  });
}

interface CodeBlockProps {
  title: string;
  code: string;
  testId?: string;
}

export function CodeBlock({ title, code, testId }: CodeBlockProps) {
  return (
    <figure className="min-w-0 self-start overflow-hidden rounded-xl border border-slate-800 bg-slate-950 shadow-lg">
      <div className="flex items-center justify-between gap-3 border-b border-white/10 px-4 py-2.5">
        <figcaption className="truncate font-mono text-xs text-slate-400">{title}</figcaption>
        <CopyButton
          text={code}
          srLabel={title}
          className="rounded-md border border-white/10 px-2.5 py-1 text-xs font-medium text-slate-300 transition hover:bg-white/10 hover:text-white"
        />
      </div>
      <pre className="overflow-x-auto p-4 font-mono text-[13px] leading-6 text-slate-200">
        <code data-testid={testId}>{highlight(code)}</code>
      </pre>
    </figure>
  );
}
