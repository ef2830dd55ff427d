import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import { useWarningText } from "@/components/i18n/warning-text";
import type { GenerationDetailFragment as GenerationDetail } from "@/components/graphql/generated";
import { Card } from "../ui/card";

function costNote(g: GenerationDetail): "costTest" | "costReleased" | "costReserved" | null {
  if (g.mode === "TEST") return "costTest";
  if (g.status === "COMPLETED") return null;
  return g.status === "FAILED" || g.status === "CANCELLED" ? "costReleased" : "costReserved";
}

/** Provider, cost and what the produced file measured (not what was asked for). */
export function GenerationFacts({ generation: g }: { generation: GenerationDetail }) {
  const t = useTranslations("dashboard.history");
  const typeName = useTranslations("dashboard.type");
  const format = useFormat();
  const m = g.metadata;
  const note = costNote(g);
  const facts: [string, string | null][] = [
    [t("factType"), typeName(g.type)],
    [t("factProvider"), g.provider],
    [t("factCost"), `${format.credits(g.creditCost)}${note ? t(note) : ""}`],
    [t("factDimensions"), m?.width && m.height ? `${m.width} × ${m.height}` : null],
    [t("factResolution"), m?.resolution ?? null],
    [t("factDuration"), m?.duration != null ? format.seconds(m.duration) : null],
    [t("factFormat"), m?.format ? `${m.format}${m.mimeType ? ` (${m.mimeType})` : ""}` : null],
    [t("factSize"), m?.size != null ? format.bytes(m.size) : null],
    [t("factAudio"), m?.hasAudio == null ? null : m.hasAudio ? t("yes") : t("no")],
  ];
  return (
    <Card title={t("details")} data-testid="generation-facts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2.5 text-sm">
        {facts
          .filter((f): f is [string, string] => f[1] !== null)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 font-medium break-words text-slate-900">{value}</dd>
            </div>
          ))}
      </dl>
    </Card>
  );
}

/** The prompt as sent, the options as asked (after defaults) and, when the provider could not honour them exactly, what it was sent and why. */
export function GenerationInput({ generation: g }: { generation: GenerationDetail }) {
  const t = useTranslations("dashboard.history");
  const warningText = useWarningText();
  return (
    <Card title={t("request")}>
      <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t("prompt")}</h3>
      <p className="mt-1.5 text-sm whitespace-pre-wrap text-slate-900" data-testid="generation-prompt">
        {g.prompt || <span className="text-slate-400 italic">{t("noPrompt")}</span>}
      </p>
      <h3 className="mt-5 text-xs font-medium tracking-wide text-slate-500 uppercase">{t("options")}</h3>
      <OptionsBlock value={g.options} />
      {g.warnings.length > 0 ? (
        <>
          <h3 className="mt-5 text-xs font-medium tracking-wide text-amber-700 uppercase">{t("adjustedFor", { provider: g.provider })}</h3>
          <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="generation-warnings">
            {g.warningDetails.map((w) => (
              <li key={w.message} data-code={w.code}>
                {warningText(w)}
              </li>
            ))}
          </ul>
          <h3 className="mt-5 text-xs font-medium tracking-wide text-slate-500 uppercase">{t("sentToProvider")}</h3>
          <OptionsBlock value={g.appliedOptions} />
        </>
      ) : null}
    </Card>
  );
}

function OptionsBlock({ value }: { value: unknown }) {
  return <pre className="mt-1.5 max-h-72 overflow-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100">{JSON.stringify(value, null, 2)}</pre>;
}
