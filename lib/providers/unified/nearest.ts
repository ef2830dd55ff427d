import type { OptionSpec, OptionValue } from "../types";

/**
 * The value a model makes that is closest to a portable one it does not list: numbers by distance (within
 * min/max), aspect ratios by shape, resolutions by size ("720p", "1k", "4k"). Undefined when there is no sensible
 * neighbour (a style or a format): the caller then uses the model's default and says so.
 */
export function nearestValue(spec: OptionSpec, value: OptionValue): OptionValue | undefined {
  const allowed = spec.allowedValues;
  if (spec.type === "INT" || spec.type === "FLOAT") {
    const n = Number(value);
    if (!Number.isFinite(n)) return undefined;
    if (allowed?.length) return closest(allowed.map(Number), (x) => Math.abs(x - n));
    const clamped = Math.min(spec.max ?? Infinity, Math.max(spec.min ?? -Infinity, n));
    return spec.type === "INT" ? Math.round(clamped) : clamped;
  }
  if (!allowed?.length || typeof value !== "string") return undefined;
  const ratio = asRatio(value);
  if (ratio !== undefined) {
    const shapes = allowed.filter((a) => asRatio(a) !== undefined);
    return shapes.length ? closest(shapes, (a) => Math.abs(Math.log((asRatio(a) as number) / ratio))) : undefined;
  }
  const size = asSize(value);
  if (size !== undefined) {
    const sizes = allowed.filter((a) => asSize(a) !== undefined);
    return sizes.length ? closest(sizes, (a) => Math.abs(Math.log((asSize(a) as number) / size))) : undefined;
  }
  return undefined;
}

function closest<T>(candidates: readonly T[], distance: (c: T) => number): T {
  return candidates.reduce((best, c) => (distance(c) < distance(best) ? c : best));
}

function asRatio(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(v);
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : undefined;
}

/** "720p" → 720, "1k" → 1024, "4K" → 4096, "1440p" → 1440. */
function asSize(v: string): number | undefined {
  const p = /^(\d+)p$/i.exec(v);
  if (p) return Number(p[1]);
  const k = /^(\d+(?:\.\d+)?)k$/i.exec(v);
  return k ? Number(k[1]) * 1024 : undefined;
}
