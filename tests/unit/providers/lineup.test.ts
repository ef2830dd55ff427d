import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES } from "@/tests/helpers/first-prices";
import { CATALOG } from "@/lib/providers/catalog";
import { chosenModel, deprecationWarning, offeredModels, throwIfRetired } from "@/lib/providers/lineup";
import type { GenerationType, ModelSpec } from "@/lib/providers/types";

const every = CATALOG.flatMap((provider) => Object.entries(provider.models).map(([type, model]) => ({ provider, type: type as GenerationType, model: model })));

describe("model lineups", () => {
  it.each(every.map((e) => [`${e.provider.id} ${e.type}`, e] as const))("%s: the model option offers exactly the models still served", (_, { provider, model }) => {
    const { option, models } = model.lineup;
    expect(models.length).toBeGreaterThan(0);
    for (const m of models) {
      expect(m.vendorModelId, `${provider.id} ${m.id}`).toMatch(/\S/);
      if (m.successor)
        expect(
          models.map((x) => x.id),
          `${provider.id} ${m.id}'s successor`,
        ).toContain(m.successor);
      if (m.status === "RETIRED" || m.status === "DEPRECATED") expect(m.successor ?? m.sunsetAt, `${provider.id} ${m.id} says what replaces it or when it ends`).toBeTruthy();
    }
    if (!option) {
      expect(models).toHaveLength(1);
      return;
    }
    const spec = model.options.find((o) => o.name === option);
    expect(spec, `${provider.id} has its model option "${option}"`).toBeDefined();
    expect([...(spec?.allowedValues ?? [])].sort()).toEqual(offeredModels(model.lineup).sort());
    // Without a model option, a request runs the current recommended model: never one on its way out.
    const fallback = models.find((m) => m.id === spec?.default);
    expect(fallback?.status, `${provider.id} default ${String(spec?.default)}`).toMatch(/^(GA|PREVIEW)$/);
  });
});

describe("deprecated and retired models in a plan", () => {
  const retired = CATALOG.flatMap((p) => Object.entries(p.models).flatMap(([type, m]) => m.lineup.models.filter((x) => x.status === "RETIRED").map((x) => ({ p, type, m: m, x }))));
  const deprecated = CATALOG.flatMap((p) =>
    Object.entries(p.models).flatMap(([type, m]) => m.lineup.models.filter((x) => x.status === "DEPRECATED").map((x) => ({ p, type, m: m, x }))),
  );

  it.each(retired.map((r) => [`${r.p.id} ${r.x.id}`, r] as const))("%s (retired) is refused naming its successor", (_, { p, type, m, x }) => {
    const input = { type, provider: p.id, input: { text: "a test", image: "https://example.com/a.png" }, options: { [m.lineup.option as string]: x.id } };
    expect(() => planForProvider(input, p.id, FIRST_PRICES)).toThrow(x.successor ? new RegExp(`retired.*"${x.successor.replace(/[.]/g, "\\.")}"`) : /retired/);
  });

  it.each(deprecated.map((d) => [`${d.p.id} ${d.x.id}`, d] as const))("%s (deprecated) runs with a warning naming its end", (_, { p, type, m, x }) => {
    const input = { type, provider: p.id, input: { text: "a test", image: "https://example.com/a.png" }, options: { [m.lineup.option as string]: x.id } };
    const plan = planForProvider(input, p.id, FIRST_PRICES);
    expect(plan.appliedOptions[m.lineup.option as string]).toBe(x.id);
    expect(plan.warnings.join(" ")).toMatch(/deprecated/);
    if (x.sunsetAt) expect(plan.warnings.join(" ")).toContain(x.sunsetAt);
  });

  // The same rules on a lineup with one model of each status, so they hold before any catalog model retires.
  const spec: ModelSpec = {
    lineup: {
      option: "model",
      models: [
        { id: "v2", vendorModelId: "vendor-v2", status: "GA" },
        { id: "v1", vendorModelId: "vendor-v1", status: "DEPRECATED", sunsetAt: "2027-01-31", successor: "v2" },
        { id: "v0", vendorModelId: "vendor-v0", status: "RETIRED", sunsetAt: "2026-06-30", successor: "v2" },
      ],
    },
    options: [{ name: "model", type: "STRING", description: "", allowedValues: ["v2", "v1"], default: "v2" }],
    cost: () => 1,
    estimatedTime: () => 1,
  };
  it("a retired model is refused with INVALID_INPUT on its option, naming the date and the successor", () => {
    expect(() => throwIfRetired(spec, "Vendor", { model: "v0" })).toThrow(
      expect.objectContaining({
        code: "INVALID_INPUT",
        details: expect.objectContaining({ field: "options.model" }),
        message: expect.stringMatching(/v0 \(vendor-v0\) was retired.*2026-06-30.*"v2"/),
      }),
    );
    expect(() => throwIfRetired(spec, "Vendor", { model: "v1" })).not.toThrow();
  });
  it("a deprecated model is named with its sunset and successor; current ones carry no notice", () => {
    expect(deprecationWarning(spec, "Vendor", { model: "v1" })).toMatch(/v1 \(vendor-v1\) is deprecated.*2027-01-31.*"v2"/);
    expect(deprecationWarning(spec, "Vendor", { model: "v2" })).toBeUndefined();
    expect(chosenModel(spec, {}).id).toBe("v2");
  });
});
