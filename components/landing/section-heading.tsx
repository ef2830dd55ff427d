import type { ReactNode } from "react";

interface SectionHeadingProps {
  id: string;
  eyebrow: string;
  title: string;
  children?: ReactNode;
  /** h2 for page sections, h3 for the product areas nested under "Models". */
  level?: 2 | 3;
  align?: "left" | "center";
}

/** One heading style for every section, so the page reads as a single product rather than a set of widgets. */
export function SectionHeading({ id, eyebrow, title, children, level = 2, align = "left" }: SectionHeadingProps) {
  const Tag = level === 2 ? "h2" : "h3";
  const centered = align === "center" ? "mx-auto text-center" : "";
  return (
    <div className={`max-w-3xl ${centered}`}>
      <p className="text-sm font-semibold text-indigo-600">{eyebrow}</p>
      <Tag id={id} className={`mt-2 font-bold tracking-tight text-balance text-slate-900 ${level === 2 ? "text-3xl sm:text-4xl" : "text-2xl sm:text-3xl"}`}>
        {title}
      </Tag>
      {children ? <div className="mt-4 text-base leading-7 text-slate-600 sm:text-lg sm:leading-8">{children}</div> : null}
    </div>
  );
}
