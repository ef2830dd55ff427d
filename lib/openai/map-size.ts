import { invalidInput } from "../errors";
import type { GenerationType } from "../generated/prisma/client";
import { nearestValue } from "../providers/unified/nearest";
import { unifiedOption } from "../providers/unified/vocabulary";

export interface MappedSize {
  options: Record<string, string>;
  warnings: string[];
}

/**
 * OpenAI's `size` ("1024x1792") onto the unified options: the nearest aspectRatio, and the resolution by the long
 * side for images (1k ≈ 1024 px) or the short side for video (720p). A size whose shape is not one of ours is
 * adjusted with a warning, or refused under `strict`, as every other unified option is.
 */
export function mapSize(type: GenerationType, size: string | null | undefined, strict: boolean): MappedSize {
  if (!size || size === "auto") return { options: {}, warnings: [] };
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(size);
  if (!match) throw invalidInput("size", `size must be WIDTHxHEIGHT (such as 1024x1024) or auto, not ${JSON.stringify(size)}`);
  const [width, height] = [Number(match[1]), Number(match[2])];
  if (Math.min(width, height) < 64 || Math.max(width, height) > 8192) throw invalidInput("size", "size must be between 64 and 8192 pixels a side");
  const ratioSpec = unifiedOption(type, "aspectRatio");
  const resolutionSpec = unifiedOption(type, "resolution");
  const options: Record<string, string> = {};
  const warnings: string[] = [];
  if (ratioSpec) {
    const exact = ratioSpec.allowedValues?.find((r) => sameShape(r, width, height));
    const ratio = exact ?? String(nearestValue(ratioSpec, `${width}:${height}`));
    if (!exact) {
      const note = `size ${size} has no aspect ratio of its own here; ${ratio} is the nearest`;
      if (strict) throw invalidInput("size", `${note} (strict)`);
      warnings.push(note);
    }
    options.aspectRatio = ratio;
  }
  if (resolutionSpec) {
    const side = type === "IMAGE" ? Math.max(width, height) : Math.min(width, height);
    options.resolution = String(nearestValue(resolutionSpec, `${side}p`));
  }
  return { options, warnings };
}

function sameShape(ratio: string, width: number, height: number): boolean {
  const [w, h] = ratio.split(":").map(Number);
  return Math.abs(w / h - width / height) < 0.01;
}
