import type { OptionSpec, Options } from "../types";

// Option definitions shared by several providers, so a name means the same thing everywhere.
export const ASPECT_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"] as const;
export const RESOLUTIONS = ["480p", "720p", "1080p"] as const;
export const STYLES = ["cinematic", "photorealistic", "anime", "illustration", "3d", "minimal", "vintage", "neon"] as const;

export const aspectRatio = (allowed: readonly string[] = ASPECT_RATIOS, fallback = "16:9"): OptionSpec => ({
  name: "aspectRatio",
  type: "STRING",
  description: "Frame shape, width:height",
  allowedValues: allowed,
  default: fallback,
});

export const resolution = (allowed: readonly string[] = RESOLUTIONS, fallback = "720p"): OptionSpec => ({
  name: "resolution",
  type: "STRING",
  description: "Output size by its short side (720p = 1280×720 at 16:9)",
  allowedValues: allowed,
  default: fallback,
});

export const duration = (min: number, max: number, fallback: number, allowed?: readonly string[]): OptionSpec => ({
  name: "duration",
  type: allowed ? "INT" : "FLOAT",
  description: `Clip length in seconds (${allowed ? allowed.join(" or ") : `${min}–${max}`})`,
  min,
  max,
  allowedValues: allowed,
  default: fallback,
});

export const seed: OptionSpec = {
  name: "seed",
  type: "INT",
  description: "Fixes the randomness: the same seed and inputs give the same result",
  min: 0,
  max: 2_147_483_647,
};

export const style: OptionSpec = {
  name: "style",
  type: "STRING",
  description: "Visual style preset",
  allowedValues: STYLES,
};

export const negativePrompt: OptionSpec = {
  name: "negativePrompt",
  type: "STRING",
  description: "What to keep out of the result",
};

export const speed: OptionSpec = {
  name: "speed",
  type: "FLOAT",
  description: "Speaking rate; 1.0 is normal",
  min: 0.5,
  max: 2,
  default: 1,
};

/** Short side in pixels → width/height for an aspect ratio, both even (H.264 needs even sizes). */
export function dimensions(resolutionValue: string, ratio: string): { width: number; height: number } {
  const short = Number.parseInt(resolutionValue, 10);
  const [w, h] = ratio.split(":").map(Number);
  const even = (n: number) => Math.round(n / 2) * 2;
  return w >= h ? { width: even((short * w) / h), height: short } : { width: short, height: even((short * h) / w) };
}

export const IMAGE_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9"];
export const count: OptionSpec = { name: "count", type: "INT", description: "Number of images", min: 1, max: 4, default: 1 };
export const imageCount = (o: Options) => Number(o.count ?? 1);
export const seconds = (o: Options) => Number(o.duration);
/** Speech priced by length: `credits` per started thousand characters, at least 1. */
export const perThousandChars = (credits: number) => (_: unknown, text: string) => Math.max(1, Math.ceil((text.length / 1000) * credits));
