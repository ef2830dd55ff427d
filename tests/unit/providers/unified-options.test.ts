import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES } from "@/tests/helpers/first-prices";
import { CATALOG, findProvider } from "@/lib/providers/catalog";
import type { GenerationType, ModelSpec, OptionSpec, OptionValue } from "@/lib/providers/types";
import { toKolorsRequest } from "@/lib/providers/kling/kolors-transform";
import { optionsForOutput } from "@/lib/providers/unified/num-outputs";
import { promptWithApproximations, treatmentOf } from "@/lib/providers/unified/treatment";
import { UNIFIED_OPTIONS } from "@/lib/providers/unified/vocabulary";

/** Inputs every model of a type can take, so a plan fails only for the option under test. */
const INPUTS: Record<GenerationType, Record<string, string>> = {
  VIDEO: { text: "A lighthouse at dawn", image: "https://example.com/start.png", video: "https://example.com/dance.mp4" },
  IMAGE: { text: "A lighthouse at dawn" },
  AUDIO: { text: "Welcome to the future of AI" },
  AVATAR: { text: "Hello, I am your assistant", image: "https://example.com/face.png", audio: "https://example.com/voice.mp3" },
};

/** Portable values to try for one unified option: every allowed value, or the ends and middle of its range. */
function samples(spec: OptionSpec): OptionValue[] {
  if (spec.allowedValues) return [...spec.allowedValues];
  switch (spec.type) {
    case "BOOLEAN":
      return [true, false];
    case "INT":
    case "FLOAT":
      return [spec.min ?? 0, spec.max ?? 100, spec.type === "INT" ? Math.round(((spec.min ?? 0) + (spec.max ?? 100)) / 2) : ((spec.min ?? 0) + (spec.max ?? 100)) / 2];
    case "STRING":
      return { language: ["en", "ru"], negativePrompt: ["blurry, text"], background: ["#1e293b"] }[spec.name] ?? [];
  }
}

// Portable voice and avatar names (rachel, kate…) resolve per vendor: tests/unit/providers/presets.test.ts.
const cases = CATALOG.flatMap((p) =>
  (Object.keys(p.models) as GenerationType[]).flatMap((type) => UNIFIED_OPTIONS[type].flatMap((o) => samples(o).map((value) => ({ provider: p.id, type, name: o.name, value })))),
);

describe("one vocabulary: every provider takes every unified option of its type", () => {
  it.each(cases.map((c) => [`${c.provider} ${c.type} ${c.name}=${JSON.stringify(c.value)}`, c] as const))("%s", (_, c) => {
    const model = findProvider(c.provider)?.models[c.type] as ModelSpec;
    const mine = Object.fromEntries(Object.entries(INPUTS[c.type]).filter(([k]) => k === "text" || model.inputs?.[k as "image"]));
    const plan = planForProvider({ type: c.type, provider: c.provider, input: mine, options: { [c.name]: c.value } }, c.provider, FIRST_PRICES);
    const treatment = treatmentOf(model, c.type, c.name);
    if (treatment.kind === "ignored") expect(plan.warnings.join(" ")).toContain(`${c.name} is not supported`);
    // One output is what every model makes: nothing is approximated for numOutputs 1.
    if (treatment.kind === "approximated" && !(c.name === "numOutputs" && c.value === 1)) expect(plan.warnings.join(" ")).toContain(`${c.name} is approximated`);
    expect(plan.options[c.name] ?? plan.options[treatment.kind === "native" ? (treatment.option ?? c.name) : c.name]).toBeDefined();
  });
});

describe("numOutputs: several outputs", () => {
  const image = { type: "IMAGE", input: { text: "A lighthouse at dawn" } } as const;

  it.each(CATALOG.filter((p) => p.models.IMAGE).map((p) => [p.id]))("%s prices four outputs at four times one", (id) => {
    const one = planForProvider({ ...image, provider: id }, id, FIRST_PRICES);
    const four = planForProvider({ ...image, provider: id, options: { numOutputs: 4 } }, id, FIRST_PRICES);
    expect(four.numOutputs).toBe(4);
    expect(four.creditCost).toBe(4 * one.creditCost);
    expect(four.options.numOutputs).toBe(4);
  });

  it("Kolors takes it natively as its own count (Kling's n); the others as several jobs, said in warnings", () => {
    const kolors = planForProvider({ ...image, provider: "kolors", options: { numOutputs: 3 } }, "kolors", FIRST_PRICES);
    expect(kolors.appliedOptions.count).toBe(3);
    expect(kolors.warnings.join(" ")).not.toMatch(/numOutputs/);
    expect(toKolorsRequest({ generationId: "gen_1", type: "IMAGE", text: "x", input: {}, options: kolors.appliedOptions, mode: "LIVE" }, undefined).n).toBe(3);
    const flux = planForProvider({ ...image, provider: "flux-fast", options: { numOutputs: 3 } }, "flux-fast", FIRST_PRICES);
    expect(flux.appliedOptions.numOutputs).toBe(3);
    expect(flux.warnings.join(" ")).toMatch(/numOutputs is approximated on Flux Fast: made as several jobs/);
    expect(() => planForProvider({ ...image, provider: "flux-fast", options: { numOutputs: 3 }, strict: true }, "flux-fast", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.numOutputs" }) }),
    );
  });

  it("video takes at most two; images four", () => {
    expect(() => planForProvider({ type: "VIDEO", provider: "local", input: { text: "x" }, options: { numOutputs: 3 } }, "local", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.numOutputs" }) }),
    );
    expect(() => planForProvider({ ...image, provider: "local", options: { numOutputs: 5 } }, "local", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.numOutputs" }) }),
    );
  });

  it("separate jobs run the same request with seed, seed+1… and without the count", () => {
    expect([0, 1, 2].map((i) => optionsForOutput({ seed: 41, numOutputs: 3, format: "png" }, i, true))).toEqual([
      { seed: 41, format: "png" },
      { seed: 42, format: "png" },
      { seed: 43, format: "png" },
    ]);
    expect(optionsForOutput({ count: 3 }, 1, false)).toEqual({ count: 3 });
  });
});

describe("strict, providerOptions and vendor values", () => {
  const video = { type: "VIDEO", provider: "minimax", input: { text: "A serene mountain landscape at sunset" } } as const;

  it("strict refuses what the provider would only approximate or ignore, naming the option", () => {
    expect(() => planForProvider({ ...video, options: { style: "cinematic" }, strict: true }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.style" }) }),
    );
    expect(() => planForProvider({ ...video, options: { negativePrompt: "text" }, strict: true }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.negativePrompt" }) }),
    );
  });

  it("the page's first sample runs on MiniMax: style approximated in the prompt, said in warnings", () => {
    const plan = planForProvider({ ...video, options: { duration: 10, resolution: "1080p", style: "cinematic" } }, "minimax", FIRST_PRICES);
    expect(plan.warnings.join(" ")).toMatch(/style is approximated/);
    expect(plan.appliedOptions.style).toBe("cinematic");
    const model = findProvider("minimax")?.models.VIDEO as ModelSpec;
    expect(promptWithApproximations(model, "VIDEO", video.input.text, plan.appliedOptions)).toContain("cinematic");
  });

  it("a vendor's own value of a unified name is taken as it is (MiniMax 768p), a portable one mapped to the nearest with a warning", () => {
    expect(planForProvider({ ...video, options: { resolution: "768p" } }, "minimax", FIRST_PRICES).appliedOptions.resolution).toBe("768p");
    const mapped = planForProvider({ ...video, options: { resolution: "720p" } }, "minimax", FIRST_PRICES);
    expect(mapped.appliedOptions.resolution).toBe("768p");
    expect(mapped.options.resolution).toBe("720p");
    expect(mapped.warnings.join(" ")).toMatch(/resolution "720p" is not available on MiniMax Hailuo; using "768p"/);
  });

  it("an invalid portable value is INVALID_INPUT naming the field", () => {
    expect(() => planForProvider({ ...video, options: { style: "gothic" } }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.style" }) }),
    );
  });

  it("providerOptions: the chosen provider's are validated against its own list, other providers' are ignored", () => {
    const plan = planForProvider({ ...video, providerOptions: { minimax: { promptOptimizer: false }, kling: { cfgScale: 0.9 } } }, "minimax", FIRST_PRICES);
    expect(plan.appliedOptions.promptOptimizer).toBe(false);
    expect(plan.appliedOptions.cfgScale).toBeUndefined();
    expect(() => planForProvider({ ...video, providerOptions: { minimax: { cfgScale: 0.9 } } }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "providerOptions.minimax.cfgScale" }) }),
    );
    expect(() => planForProvider({ ...video, providerOptions: { minimaks: {} } }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "providerOptions.minimaks" }) }),
    );
  });

  it("a provider's own option names still work at the top level; unknown names are still refused", () => {
    expect(planForProvider({ ...video, options: { promptOptimizer: false } }, "minimax", FIRST_PRICES).appliedOptions.promptOptimizer).toBe(false);
    expect(() => planForProvider({ ...video, options: { camera: "pan" } }, "minimax", FIRST_PRICES)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: "options.camera" }) }),
    );
  });
});
