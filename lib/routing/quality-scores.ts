import type { GenerationType } from "../generated/prisma/client";

/**
 * How good each model's output is for a task, 0–100, used by priority QUALITY and BALANCED. Versioned data: bump
 * `version` and say why when a score changes, so a routing decision can always be traced to the table it used.
 *
 * Source: our editorial ranking, anchored on the public human-preference arenas (Artificial Analysis Video,
 * Image and Speech Arena ELO, snapshot of 2026-10) and rescaled so that the arena leader of each task is ~96;
 * models missing from the arenas (Viggle, Topview, Hedra, HeyGen) are placed by our own side-by-side reviews of
 * their documented sample outputs. `local` is a preview renderer, not a model, and scores lowest on purpose.
 */
export const QUALITY_SCORES = {
  version: "2026-11-1",
  source: "Artificial Analysis arenas (2026-10 snapshot), rescaled; editorial for models outside the arenas",
  scores: {
    veo: { VIDEO: 96 },
    kling: { VIDEO: 90 },
    runway: { VIDEO: 86 },
    minimax: { VIDEO: 87 },
    seedance: { VIDEO: 88 },
    luma: { VIDEO: 80 },
    viggle: { VIDEO: 70 },
    topview: { VIDEO: 66 },
    imagen: { IMAGE: 94 },
    "flux-ultra": { IMAGE: 93 },
    "flux-1.1-pro": { IMAGE: 90 },
    "flux-kontext": { IMAGE: 89 },
    "flux-pro": { IMAGE: 86 },
    "flux-dev": { IMAGE: 80 },
    kolors: { IMAGE: 79 },
    "stable-diffusion": { IMAGE: 78 },
    "flux-fast": { IMAGE: 74 },
    elevenlabs: { AUDIO: 95 },
    "google-tts": { AUDIO: 84 },
    heygen: { AVATAR: 90 },
    hedra: { AVATAR: 87 },
    local: { VIDEO: 10, IMAGE: 10, AUDIO: 10, AVATAR: 10 },
  } as Record<string, Partial<Record<GenerationType, number>>>,
};

export function qualityScore(provider: string, type: GenerationType): number {
  return QUALITY_SCORES.scores[provider]?.[type] ?? 50;
}
