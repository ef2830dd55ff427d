import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { richTags } from "@/components/i18n/rich";
import { env } from "@/lib/env";
import { CodeBlock } from "./code-block";
import { SectionHeading } from "./section-heading";

const GENERATE_QUERY = "mutation Generate($input: GenerateInput!) { generate(input: $input) { id status provider creditCost estimatedTime } }";
const STATUS_QUERY = "query Status($id: ID!) { generation(id: $id) { id status progress url metadata { width height format } error { code message } } }";

/**
 * Samples built for the server that rendered them: paste into a shell and they work. The JSON sits in single
 * quotes so `$input` and `$id` reach GraphQL untouched while `$DOITONG_API_KEY` is expanded by the shell.
 */
export function quickStartSnippets(graphqlUrl: string) {
  const auth = ['  -H "Authorization: Bearer $DOITONG_API_KEY" \\', '  -H "Content-Type: application/json" \\'];
  const generate = [
    "# Generate an image; no provider named, so the API picks the best one available",
    `curl -X POST ${graphqlUrl} \\`,
    ...auth,
    '  -H "Idempotency-Key: my-first-image" \\',
    "  -d '{",
    `    "query": "${GENERATE_QUERY}",`,
    '    "variables": { "input": { "type": "IMAGE", "input": { "text": "A lighthouse at dawn, watercolor" } } }',
    "  }'",
  ].join("\n");
  const poll = [
    "# Poll until status is COMPLETED, then download url",
    `curl -X POST ${graphqlUrl} \\`,
    ...auth,
    "  -d '{",
    `    "query": "${STATUS_QUERY}",`,
    '    "variables": { "id": "GENERATION_ID" }',
    "  }'",
  ].join("\n");
  return { generate, poll };
}

/** A numbered step: the explanation on the left, its code on the right (stacked on small screens). */
const Step = ({ n, label, title, children, code }: { n: number; label: string; title: string; children: ReactNode; code: ReactNode }) => (
  <li className="grid gap-6 lg:grid-cols-[1fr_1.6fr] lg:gap-12">
    <div className="relative pl-12">
      <span className="absolute top-0 left-0 flex size-8 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white" aria-hidden="true">
        {n}
      </span>
      <h3 className="text-lg font-semibold text-slate-900">
        <span className="sr-only">{label}</span>
        {title}
      </h3>
      <div className="mt-2 text-sm leading-6 text-slate-600">{children}</div>
    </div>
    {code}
  </li>
);

export async function QuickStart({ graphqlUrl }: { graphqlUrl: string }) {
  const t = await getTranslations("landing.quickStart");
  const tags = richTags("rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em] text-slate-800");
  const { generate, poll } = quickStartSnippets(graphqlUrl);
  const demo = env().DOITONG_DEMO_ACCOUNT === "on";
  return (
    <section id="quick-start" aria-labelledby="quick-start-title" className="scroll-mt-16 border-t border-slate-200 bg-white py-20 sm:py-24">
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <SectionHeading id="quick-start-title" eyebrow={t("eyebrow")} title={t("title")}>
          <p>
            {t.rich("lead", {
              ...tags,
              url: graphqlUrl,
              link: (chunks) => (
                <a href="/graphql" className="font-medium text-indigo-700 underline decoration-indigo-300 underline-offset-4 hover:decoration-indigo-700">
                  {chunks}
                </a>
              ),
            })}
          </p>
        </SectionHeading>
        <ol className="mt-12 space-y-12">
          <Step n={1} label={t("step", { n: 1 })} title={t("key.title")} code={<CodeBlock title="shell" code={'export DOITONG_API_KEY="paste-your-key-here"'} />}>
            <p>
              {demo ? t("key.demo") : ""}
              {t.rich("key.body", tags)}
            </p>
          </Step>
          <Step n={2} label={t("step", { n: 2 })} title={t("start.title")} code={<CodeBlock title={`POST ${graphqlUrl}`} code={generate} testId="curl-generate" />}>
            <p>{t.rich("start.body", tags)}</p>
          </Step>
          <Step n={3} label={t("step", { n: 3 })} title={t("poll.title")} code={<CodeBlock title={`POST ${graphqlUrl}`} code={poll} testId="curl-poll" />}>
            <p>{t.rich("poll.body", tags)}</p>
          </Step>
        </ol>
      </div>
    </section>
  );
}
