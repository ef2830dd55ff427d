import { describe, expect, it } from "vitest";
import { planForProvider } from "@/lib/generations/plan-generation";
import { FIRST_PRICES } from "@/tests/helpers/first-prices";
import { CATALOG, findProvider } from "@/lib/providers/catalog";
import type { GenerationType, ModelSpec } from "@/lib/providers/types";
import { treatmentOf } from "@/lib/providers/unified/treatment";
import { UNIFIED_OPTIONS } from "@/lib/providers/unified/vocabulary";
import { readWarningDetails } from "@/lib/providers/warnings";

// Warnings as data (issue 19): every sentence in `warnings` has a twin in `warningDetails` with a code and the facts
// the sentence names, so the dashboard words it in Russian without reading the English.
const video = { type: "VIDEO", provider: "minimax", input: { text: "A serene mountain landscape at sunset" } } as const;

describe("warningDetails", () => {
  it("a value the provider lacks: VALUE_UNAVAILABLE with the option, provider, asked and used values", () => {
    const plan = planForProvider({ ...video, options: { resolution: "720p" } }, "minimax", FIRST_PRICES);
    expect(plan.warningDetails).toContainEqual(
      expect.objectContaining({ code: "VALUE_UNAVAILABLE", field: "resolution", provider: "MiniMax Hailuo", value: "720p", used: "768p" }),
    );
    expect(plan.warningDetails.map((w) => w.message)).toEqual(plan.warnings);
  });

  it("approximated and ignored options say so by code, with the option and the provider", () => {
    const approximated = planForProvider({ ...video, options: { style: "cinematic" } }, "minimax", FIRST_PRICES);
    expect(approximated.warningDetails).toContainEqual(expect.objectContaining({ code: "OPTION_APPROXIMATED", field: "style", provider: "MiniMax Hailuo" }));

    // The first provider/option pair the catalog marks as ignored.
    const ignored = CATALOG.flatMap((p) =>
      (Object.keys(p.models) as GenerationType[]).flatMap((type) =>
        UNIFIED_OPTIONS[type].filter((o) => treatmentOf(p.models[type] as ModelSpec, type, o.name).kind === "ignored").map((o) => ({ p, type, o })),
      ),
    ).find(({ o }) => o.type === "STRING" && o.allowedValues);
    expect(ignored).toBeDefined();
    const { p, type, o } = ignored!;
    const model = findProvider(p.id)?.models[type] as ModelSpec;
    const input = Object.fromEntries(
      Object.entries({ text: "A lighthouse", image: "https://example.com/a.png", audio: "https://example.com/a.mp3" }).filter(
        ([k]) => k === "text" || model.inputs?.[k as "image"],
      ),
    );
    const plan = planForProvider({ type, provider: p.id, input, options: { [o.name]: o.allowedValues![0] } }, p.id, FIRST_PRICES);
    expect(plan.warningDetails).toContainEqual(expect.objectContaining({ code: "OPTION_IGNORED", field: o.name, provider: p.name }));
  });

  it("a model's own rule: OPTION_ADJUSTED naming the input it dropped, the sentence kept as the message", () => {
    const plan = planForProvider(
      { type: "VIDEO", provider: "runway", input: { text: "A lighthouse", image: "https://example.com/a.png", endImage: "https://example.com/b.png" } },
      "runway",
      FIRST_PRICES,
    );
    const adjusted = plan.warningDetails.find((w) => w.code === "OPTION_ADJUSTED");
    expect(adjusted).toMatchObject({ field: "input.endImage", provider: "Runway" });
    expect(plan.warnings).toContain(adjusted!.message);
  });

  it("a generation stored before codes reads its sentences as NOTICE, in the same order", () => {
    expect(readWarningDetails(null, ["a", "b"])).toEqual([
      { code: "NOTICE", message: "a" },
      { code: "NOTICE", message: "b" },
    ]);
    const coded = { code: "OPTION_IGNORED", message: "a", field: "seed", provider: "X" };
    expect(readWarningDetails([coded], ["a", "b"])).toEqual([coded, { code: "NOTICE", message: "b" }]);
    expect(readWarningDetails(null, null)).toEqual([]);
  });
});
