import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/providers/catalog";
import { getAdapter, hasAdapter } from "@/lib/providers/registry";
import { quote } from "@/lib/providers/pricing";
import { defaultOptions } from "@/lib/providers/resolve-options";
import type { GenerationType } from "@/lib/providers/types";
import { firstPriceBook } from "@/tests/helpers/first-prices";

describe("provider registry", () => {
  it("has an adapter for every catalog provider, each with its built-in fake (so test keys can use it)", async () => {
    for (const spec of CATALOG) {
      expect(hasAdapter(spec.id), spec.id).toBe(true);
      const adapter = await getAdapter(spec.id);
      expect(adapter.id, spec.id).toBe(spec.id);
      if (!spec.preview) {
        expect(adapter.createFake, `${spec.id} needs a fake`).toBeTypeOf("function");
        expect(adapter.follow ?? adapter.submit, spec.id).toBeTypeOf("function");
      }
    }
  });

  it("prices every model in whole credits above zero at its defaults (first price list)", () => {
    for (const spec of CATALOG) {
      for (const [type, model] of Object.entries(spec.models)) {
        const price = quote(firstPriceBook, spec.id, type as GenerationType, model, defaultOptions(model), "A one-sentence prompt of ordinary length.").credits;
        // What is charged is the rounded price: it must be at least one credit.
        expect(Math.round(price), `${spec.id} ${type}: ${price}`).toBeGreaterThanOrEqual(1);
        expect(model.estimatedTime(defaultOptions(model)), `${spec.id} ${type}`).toBeGreaterThan(0);
      }
    }
  });
});
