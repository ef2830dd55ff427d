import { describe, expect, it } from "vitest";
import { CATALOG } from "@/lib/providers/catalog";
import { getAdapter, hasAdapter } from "@/lib/providers/registry";
import { defaultOptions } from "@/lib/providers/resolve-options";

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

  it("prices every model in whole credits above zero at its defaults", () => {
    for (const spec of CATALOG) {
      for (const [type, model] of Object.entries(spec.models)) {
        const price = model!.price(defaultOptions(model!), "A one-sentence prompt of ordinary length.");
        expect(Number.isInteger(Math.round(price)) && price > 0, `${spec.id} ${type}: ${price}`).toBe(true);
        expect(model!.estimatedTime(defaultOptions(model!)), `${spec.id} ${type}`).toBeGreaterThan(0);
      }
    }
  });
});
