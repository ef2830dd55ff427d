import type { ReactNode } from "react";

/**
 * Tags the catalogs may use inside a message, so a translator moves the code words with the sentence instead of the
 * sentence being cut around them: `<code>generate</code>`, `<strong>…</strong>`.
 */
export function richTags(codeClassName = "rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800") {
  return {
    code: (chunks: ReactNode) => <code className={codeClassName}>{chunks}</code>,
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
  };
}
