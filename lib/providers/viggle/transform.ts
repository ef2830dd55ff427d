import type { Options } from "../types";

export const VIGGLE_MODELS = { v4: "V4_Preview", v3: "V3_Preview" } as const;

/** Our `background` option → Viggle's `background_mode` and, for solid colours, `bg_color` as "R,G,B". */
export const VIGGLE_BACKGROUNDS: Record<string, { background_mode: "original" | "solid" | "transparent"; bg_color?: string }> = {
  original: { background_mode: "original" },
  transparent: { background_mode: "transparent" },
  green: { background_mode: "solid", bg_color: "0,255,0" },
  blue: { background_mode: "solid", bg_color: "0,0,255" },
  white: { background_mode: "solid", bg_color: "255,255,255" },
  black: { background_mode: "solid", bg_color: "0,0,0" },
};

export const viggleFast = (o: Options) => o.mode === "fast";

/** The render options as multipart text fields, exactly as Viggle's docs send them (`fast=true`). */
export function viggleFields(o: Options): Record<string, string> {
  const background = VIGGLE_BACKGROUNDS[String(o.background)] ?? VIGGLE_BACKGROUNDS.original;
  return {
    model: o.model === "v3" ? VIGGLE_MODELS.v3 : VIGGLE_MODELS.v4,
    background_mode: background.background_mode,
    ...(background.bg_color ? { bg_color: background.bg_color } : {}),
    fast: viggleFast(o) ? "true" : "false",
  };
}

export type ViggleStatus = "queued" | "processing" | "rendering" | "merging" | "complete" | "failed" | "cancelled";

export interface ViggleJob {
  job_id: string;
  status: ViggleStatus;
  mode?: string;
  checkpoint?: string | null;
  progress_pct?: number | null;
  cdn_url?: string | null;
  mask_cdn_url?: string | null;
  error?: string | null;
  error_code?: string | null;
  error_message?: string | null;
  created_at?: string;
  completed_at?: string | null;
}

export interface ViggleErrorBody {
  detail?: { error_code?: string; message?: string; action?: string } | string | { loc?: unknown[]; msg?: string }[];
}

/** `{detail:{error_code,message,action}}`, or FastAPI's own `{detail: "…"}` / `{detail: [{loc,msg}]}` for schema errors. */
export function viggleError(body: ViggleErrorBody | undefined): { code?: string; reason: string } {
  const detail = body?.detail;
  if (typeof detail === "string") return { reason: detail };
  if (Array.isArray(detail)) return { reason: detail.map((d) => [d.loc?.slice(1).join("."), d.msg].filter(Boolean).join(": ")).join("; ") };
  if (detail) return { code: detail.error_code, reason: [detail.message, detail.action].filter(Boolean).join(". ") };
  return { reason: "" };
}
