import { useTranslations } from "next-intl";
import { useApiError } from "@/components/i18n/api-error";
import { useFormat } from "@/components/i18n/format";
import type { GenerationDetailFragment as GenerationDetail } from "@/components/graphql/generated";
import { isRunning } from "@/components/graphql/enums";
import { ModeBadge, StatusBadge } from "../ui/badges";
import { Card } from "../ui/card";
import { CancelButton } from "./cancel-button";
import { GenerationFacts, GenerationInput } from "./generation-facts";
import { GenerationRouting } from "./generation-routing";
import { GenerationTimeline } from "./generation-timeline";
import { MediaPreview } from "./media-preview";
import { DeleteGenerationButton, MediaRetentionNotice } from "@/components/retention/delete-generation-button";

/** Everything about one generation: the result, what was asked, what it cost and how long each step took. */
export function GenerationDetailView({ generation: g, onChanged }: { generation: GenerationDetail; onChanged: () => void }) {
  const t = useTranslations("dashboard.history");
  const format = useFormat();
  const readableError = useApiError();
  const running = isRunning(g.status);
  return (
    <div className="space-y-6" data-testid="generation-detail">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("heading")}</h1>
            <StatusBadge status={g.status} />
            {g.mode === "TEST" ? <ModeBadge mode="TEST" /> : null}
          </div>
          <p className="mt-1 font-mono text-sm break-all text-slate-500">{g.id}</p>
          <p className="mt-0.5 text-sm text-slate-500">{t("created", { date: format.dateTime(g.createdAt) })}</p>
        </div>
        {running ? <CancelButton id={g.id} onDone={onChanged} /> : g.deletedAt ? null : <DeleteGenerationButton id={g.id} onDone={onChanged} />}
      </div>
      <MediaRetentionNotice generation={g} formatDate={(iso) => format.dateTime(iso)} />
      {running ? (
        <div className="rounded-xl border border-sky-200 bg-sky-50 px-4 py-3" aria-live="polite">
          <div className="flex justify-between text-sm font-medium text-sky-900">
            <span>{g.status === "QUEUED" ? t("waiting") : t("generating")}</span>
            <span className="tabular-nums">{g.progress}%</span>
          </div>
          <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-sky-100">
            <div className="h-full rounded-full bg-sky-500 transition-all motion-reduce:transition-none" style={{ width: `${Math.max(2, g.progress)}%` }} />
          </div>
        </div>
      ) : null}
      {g.error ? (
        <div role="alert" className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm" data-testid="generation-error">
          <p className="font-semibold text-rose-900">
            {g.status === "CANCELLED" ? t("cancelled") : t("failed")}: <span className="font-mono">{g.error.code}</span>
          </p>
          <p className="mt-0.5 text-rose-800">{readableError({ code: g.error.code })}</p>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <MediaPreview generation={g} />
          <GenerationInput generation={g} />
        </div>
        <div className="space-y-6">
          <GenerationFacts generation={g} />
          <GenerationRouting generation={g} />
          <Card title={t("timeline")}>
            <GenerationTimeline generation={g} />
          </Card>
        </div>
      </div>
    </div>
  );
}
