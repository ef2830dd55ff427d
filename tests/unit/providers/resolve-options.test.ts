import { describe, expect, it } from "vitest";
import { findProvider } from "@/lib/providers/catalog";
import { defaultOptions, resolveOptions } from "@/lib/providers/resolve-options";
import type { ModelSpec } from "@/lib/providers/types";

const kling = findProvider("kling")!.models.VIDEO as ModelSpec;
const local = findProvider("local")!.models.VIDEO as ModelSpec;

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code: string; details: { field: string } }).details.field;
  }
  throw new Error("expected INVALID_INPUT");
};

describe("resolveOptions", () => {
  it("fills defaults and keeps given values", () => {
    expect(resolveOptions(kling, "kling", { mode: "pro" })).toMatchObject({ mode: "pro", duration: 5, aspectRatio: "16:9" });
    expect(resolveOptions(local, "local", undefined)).toEqual(defaultOptions(local));
  });

  it("accepts numbers for numeric allowed values and numeric strings from forms", () => {
    expect(resolveOptions(kling, "kling", { duration: 10 }).duration).toBe(10);
    expect(resolveOptions(local, "local", { duration: "7.5" }).duration).toBe(7.5);
  });

  it.each([
    [{ duration: 7 }, "options.duration"],
    [{ duration: "ten" }, "options.duration"],
    [{ mode: "turbo" }, "options.mode"],
    [{ cfgScale: 2 }, "options.cfgScale"],
    [{ negativePrompt: 5 }, "options.negativePrompt"],
    [{ camera: "pan" }, "options.camera"],
  ])("rejects %j naming the field", (options, field) => {
    expect(fieldOf(() => resolveOptions(kling, "kling", options))).toBe(field);
  });

  it("rejects a non-object", () => {
    expect(fieldOf(() => resolveOptions(kling, "kling", [1, 2]))).toBe("options");
  });
});
