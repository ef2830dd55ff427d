import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { planGeneration } from "@/lib/generations/plan-generation";
import { logger } from "@/lib/log";

const PROMPT = "A lighthouse at dawn";

/**
 * What `generate` answers on this server for an image with no provider named: the provider, cost and time come
 * from the same planner the API uses (no side effects), so the hero never advertises a result this server can't give.
 */
async function liveAnswer(): Promise<{ provider: string; creditCost: number; estimatedTime: number } | null> {
  try {
    const plan = await planGeneration({ type: "IMAGE", input: { text: PROMPT } });
    return { provider: plan.provider.id, creditCost: plan.creditCost, estimatedTime: plan.estimatedTime };
  } catch (err) {
    // No image provider can take it here right now (an AppError) is a normal answer; anything else is logged.
    if (!(err instanceof AppError)) logger("landing").error({ err }, "planning the landing page's sample failed");
    return null;
  }
}

const k = (s: string) => <span className="text-fuchsia-300">{s}</span>;
const f = (s: string) => <span className="text-sky-300">{s}</span>;
const str = (s: string) => <span className="text-emerald-300">{s}</span>;

export async function HeroSample({ graphqlUrl }: { graphqlUrl: string }) {
  const answer = await liveAnswer();
  const t = await getTranslations("landing.hero");
  return (
    <figure className="relative min-w-0 rounded-2xl border border-white/10 bg-slate-900/80 shadow-2xl shadow-indigo-950/50 ring-1 ring-white/5">
      <div className="flex items-center gap-2 border-b border-white/10 px-4 py-3">
        <span className="size-3 rounded-full bg-rose-400/80" aria-hidden="true" />
        <span className="size-3 rounded-full bg-amber-300/80" aria-hidden="true" />
        <span className="size-3 rounded-full bg-emerald-400/80" aria-hidden="true" />
        <figcaption className="ml-2 truncate font-mono text-xs text-slate-400">POST {graphqlUrl}</figcaption>
      </div>
      <pre className="overflow-x-auto px-5 py-4 font-mono text-[13px] leading-6 text-slate-200">
        <code>
          {k("mutation")} {"{"}
          {"\n  "}
          {f("generate")}(input: {"{"}
          {"\n    "}type: IMAGE
          {"\n    "}input: {"{"} text: {str(`"${PROMPT}"`)} {"}"}
          {"\n  "}
          {"}) {"}
          {"\n    "}id status provider
          {"\n    "}creditCost estimatedTime
          {"\n  }\n}"}
        </code>
      </pre>
      <div className="border-t border-white/10 px-5 py-4">
        <p className="text-xs font-medium tracking-wide text-slate-400 uppercase">{t("response")}</p>
        {answer ? (
          <pre className="mt-2 overflow-x-auto font-mono text-[13px] leading-6 text-slate-200">
            <code>
              {"{\n  "}
              {f('"status"')}: {str('"QUEUED"')},{"\n  "}
              {f('"provider"')}: {str(`"${answer.provider}"`)},{"\n  "}
              {f('"creditCost"')}: <span className="text-amber-200">{answer.creditCost}</span>,{"\n  "}
              {f('"estimatedTime"')}: <span className="text-amber-200">{answer.estimatedTime}</span>
              {"\n}"}
            </code>
          </pre>
        ) : (
          <p className="mt-2 text-sm text-amber-200">{t("noImageProvider")}</p>
        )}
      </div>
    </figure>
  );
}
