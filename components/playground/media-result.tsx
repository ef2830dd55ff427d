import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/format";
import type { PlaygroundGenerationFragment as Generation } from "@/components/graphql/generated";

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "audio/mpeg": "mp3",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/ogg": "ogg",
  "video/mp4": "mp4",
};

/** The finished file, playable in place, with what was measured from it and a download link. */
export function MediaResult({ generation: g }: { generation: Generation & { url: string } }) {
  const t = useTranslations("playground");
  const format = useFormat();
  const m = g.metadata;
  const ext = (m?.mimeType && EXTENSIONS[m.mimeType]) ?? (g.type === "IMAGE" ? "png" : g.type === "AUDIO" ? "mp3" : "mp4");
  const facts = [
    m?.width && m.height ? `${m.width}×${m.height}` : null,
    m?.duration ? format.seconds(m.duration) : null,
    m?.size ? format.bytes(m.size) : null,
    m?.mimeType ?? null,
  ].filter((f): f is string => f !== null);

  const several = g.outputs.length > 1 ? g.outputs : null;
  return (
    <div data-testid="result" className="mt-4">
      {several ? (
        <ul data-testid="result-grid" className="grid grid-cols-2 gap-2">
          {several.map((o) => (
            <li key={o.index} className="overflow-hidden rounded-xl bg-slate-950/[0.03] ring-1 ring-slate-200">
              {g.type === "IMAGE" ? (
                <a href={o.url} download={`${g.id}-${o.index + 1}.${ext}`}>
                  <img src={o.url} alt={`${g.prompt} (${o.index + 1})`} className="mx-auto max-h-64 w-auto object-contain" />
                </a>
              ) : (
                <video controls playsInline preload="metadata" src={o.url} className="mx-auto max-h-64 w-full bg-black" />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <div className="overflow-hidden rounded-xl bg-slate-950/[0.03] ring-1 ring-slate-200">
          {g.type === "IMAGE" ? (
            // A signed, short-lived URL from our own storage; next/image would try to optimise and cache it.
            <img src={g.url} alt={g.prompt} className="mx-auto max-h-[28rem] w-auto object-contain" />
          ) : g.type === "AUDIO" ? (
            <div className="p-4">
              <audio controls preload="metadata" src={g.url} className="w-full">
                <a href={g.url}>{t("downloadAudio")}</a>
              </audio>
            </div>
          ) : (
            <video controls playsInline preload="metadata" src={g.url} className="mx-auto max-h-[28rem] w-full bg-black">
              <a href={g.url}>{t("downloadVideo")}</a>
            </video>
          )}
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{facts.join(" · ")}</p>
        <a
          href={g.url}
          download={`${g.id}.${ext}`}
          className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs transition hover:border-indigo-400 hover:text-indigo-700"
        >
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4">
            <path d="M10 2.75a.75.75 0 0 1 .75.75v7.19l2.22-2.22a.75.75 0 1 1 1.06 1.06l-3.5 3.5a.75.75 0 0 1-1.06 0l-3.5-3.5a.75.75 0 1 1 1.06-1.06l2.22 2.22V3.5A.75.75 0 0 1 10 2.75ZM3.5 14a.75.75 0 0 1 .75.75v.75c0 .14.11.25.25.25h11a.25.25 0 0 0 .25-.25v-.75a.75.75 0 0 1 1.5 0v.75A1.75 1.75 0 0 1 15.5 17.25h-11A1.75 1.75 0 0 1 2.75 15.5v-.75A.75.75 0 0 1 3.5 14Z" />
          </svg>
          {t("download")}
        </a>
      </div>
    </div>
  );
}
