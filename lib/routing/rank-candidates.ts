import type { GenerationType } from "../generated/prisma/client";
import type { ModelSpec, Options } from "../providers/types";
import { qualityScore } from "./quality-scores";
import type { SpeedEstimate, SpeedTable } from "./speed-stats";

export const PRIORITIES = ["QUALITY", "SPEED", "COST", "BALANCED"] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * BALANCED, documented: half quality, a quarter speed, a quarter cost, each normalised within the candidates
 * (quality / 100; fastest time / this time; cheapest price / this price), so the best at everything scores 1.
 */
export const BALANCED_WEIGHTS = { quality: 0.5, speed: 0.25, cost: 0.25 } as const;

export interface Eligible {
  provider: string;
  name: string;
  model: ModelSpec;
  appliedOptions: Options;
  creditCost: number;
}

export interface Ranked extends Eligible {
  score: number;
  quality: number;
  speed: SpeedEstimate;
  reason: string;
}

/** Scores every eligible candidate for the priority, best first (ties: higher quality, then cheaper, then id). */
export function rankCandidates(eligible: Eligible[], type: GenerationType, priority: Priority, speeds: SpeedTable): Ranked[] {
  const facts = eligible.map((e) => ({
    ...e,
    quality: qualityScore(e.provider, type),
    speed: speeds.estimate(e.provider, e.model, e.appliedOptions),
  }));
  const fastest = Math.min(...facts.map((f) => Math.max(1, f.speed.seconds)));
  const cheapest = Math.min(...facts.map((f) => Math.max(1, f.creditCost)));
  const ranked = facts.map((f) => {
    const q = f.quality / 100;
    const s = fastest / Math.max(1, f.speed.seconds);
    const c = cheapest / Math.max(1, f.creditCost);
    const score = { QUALITY: q, SPEED: s, COST: c, BALANCED: BALANCED_WEIGHTS.quality * q + BALANCED_WEIGHTS.speed * s + BALANCED_WEIGHTS.cost * c }[priority];
    return { ...f, score: Math.round(score * 1000) / 1000, reason: describe(f.quality, f.speed, f.creditCost) };
  });
  return ranked.sort((a, b) => b.score - a.score || b.quality - a.quality || a.creditCost - b.creditCost || a.provider.localeCompare(b.provider));
}

function describe(quality: number, speed: SpeedEstimate, credits: number): string {
  const time =
    speed.source.kind === "history"
      ? `p50 ${Math.round(speed.seconds)} s over ${speed.source.samples} recent runs${speed.source.sameOptions ? "" : " (scaled to these options)"}`
      : `~${Math.round(speed.seconds)} s (catalog estimate, no history yet)`;
  return `quality ${quality}, ${time}, ${credits} credits`;
}
