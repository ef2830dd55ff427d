import { useTranslations } from "next-intl";
import type { GenerationDetailFragment as GenerationDetail } from "@/components/graphql/generated";

/**
 * The result itself, played in the browser. `url` is a signed link on this server that expires after an hour;
 * the page refetches on load, so a stale link only happens on a tab left open that long.
 */
export function MediaPreview({ generation: g }: { generation: GenerationDetail }) {
  const t = useTranslations("dashboard.history");
  const mime = g.metadata?.mimeType ?? "";
  const kind = mime.startsWith("image/") ? "image" : mime.startsWith("audio/") ? "audio" : mime.startsWith("video/") ? "video" : fallbackKind(g.type);
  const frame = "flex min-h-48 items-center justify-center overflow-hidden rounded-xl border border-slate-200 bg-slate-100";

  if (!g.url) {
    const text = g.status === "FAILED" ? t("resultFailed") : g.status === "CANCELLED" ? t("resultCancelled") : t("resultPending");
    return (
      <div className={`${frame} min-h-64 text-sm text-slate-500`} data-testid="media-placeholder">
        <p className="rounded-lg bg-white/90 px-4 py-2">{text}</p>
      </div>
    );
  }
  if (g.outputs.length > 1) return <OutputGrid generation={g} kind={kind} />;
  const src = sameOriginPath(g.url);
  return (
    <div className="space-y-2">
      <div className={frame} data-testid="media">
        {kind === "image" ? (
          // A signed, short-lived URL of any size: next/image's optimiser would cache it past its expiry.
          <img src={src} alt={g.prompt ? t("resultAlt", { prompt: g.prompt }) : t("generatedImage")} className="max-h-[32rem] w-auto object-contain" />
        ) : kind === "audio" ? (
          <audio controls src={src} className="w-full max-w-lg p-6">
            <a href={src}>{t("downloadAudio")}</a>
          </audio>
        ) : (
          <video controls playsInline src={src} className="max-h-[32rem] w-full bg-black">
            <a href={src}>{t("downloadVideo")}</a>
          </video>
        )}
      </div>
      <a href={src} download className="inline-flex text-sm font-medium text-indigo-600 hover:text-indigo-500">
        {t("download")}
      </a>
    </div>
  );
}

/** Several outputs (numOutputs): every file side by side, each with its own download link. */
function OutputGrid({ generation: g, kind }: { generation: GenerationDetail; kind: "image" | "audio" | "video" }) {
  const t = useTranslations("dashboard.history");
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">{t("outputsCount", { made: g.outputs.length, asked: g.numOutputs })}</p>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="media-grid">
        {g.outputs.map((o) => {
          const src = sameOriginPath(o.url);
          return (
            <li key={o.index} className="space-y-1" data-testid="media-output" data-index={o.index}>
              <div className="flex min-h-32 items-center justify-center overflow-hidden rounded-xl border border-slate-200 bg-slate-100">
                {kind === "image" ? (
                  <img src={src} alt={`Output ${o.index + 1} for “${g.prompt}”`} className="max-h-80 w-auto object-contain" />
                ) : kind === "audio" ? (
                  <audio controls src={src} className="w-full p-3" />
                ) : (
                  <video controls playsInline src={src} className="max-h-80 w-full bg-black" />
                )}
              </div>
              <a href={src} download className="inline-flex text-sm font-medium text-indigo-600 hover:text-indigo-500">
                {t("downloadOutput", { n: o.index + 1 })}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function fallbackKind(type: GenerationDetail["type"]): "image" | "audio" | "video" {
  return type === "IMAGE" ? "image" : type === "AUDIO" ? "audio" : "video";
}

/**
 * The signed URL's path and query on this origin. The media route is on the server that served this page, and the
 * API's absolute origin may differ from the browser's (localhost vs 127.0.0.1, a proxy, DOITONG_PUBLIC_URL).
 */
function sameOriginPath(url: string): string {
  // The base only matters for a relative url, which is already on this origin.
  const parsed = new URL(url, "http://same-origin.invalid");
  return parsed.pathname.startsWith("/media/") ? `${parsed.pathname}${parsed.search}` : url;
}
