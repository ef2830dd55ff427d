import { describe, expect, it } from "vitest";
import type { ModelSpec, Options } from "@/lib/providers/types";
import { baseCooldownMs, CONSECUTIVE_FAULTS_TO_OPEN, emptyRecord, stateOf, withOutcome } from "@/lib/routing/circuit";
import { type Eligible, rankCandidates } from "@/lib/routing/rank-candidates";
import { signatureOf, SpeedTable } from "@/lib/routing/speed-stats";

// A fixed catalog of three video models and a fixed history, so each priority's choice is known in advance.
const model = (seconds: number): ModelSpec => ({ lineup: { models: [] }, options: [], cost: () => 0, estimatedTime: (o: Options) => seconds * (Number(o.duration ?? 5) / 5) });
const options = { duration: 5 };
const catalog: Eligible[] = [
  { provider: "veo", name: "Veo", model: model(90), appliedOptions: options, creditCost: 320 }, // best quality, dearest
  { provider: "seedance", name: "Seedance", model: model(70), appliedOptions: options, creditCost: 25 }, // cheap, good
  { provider: "runway", name: "Runway", model: model(60), appliedOptions: options, creditCost: 50 },
];
const history = (provider: string, secs: number[], o: Options = options) => secs.map((seconds) => ({ provider, signature: signatureOf(o), seconds }));

describe("ranking for each priority", () => {
  // History says Runway is slow today and Seedance fast, the reverse of the catalog's defaults.
  const speeds = new SpeedTable([...history("runway", [200, 210, 190]), ...history("seedance", [40, 45, 41]), ...history("veo", [95, 100, 90])]);

  it("QUALITY picks the best quality score", () => {
    expect(rankCandidates(catalog, "VIDEO", "QUALITY", speeds).map((r) => r.provider)).toEqual(["veo", "seedance", "runway"]);
  });

  it("SPEED uses our own p50 history, not the catalog's guess", () => {
    const ranked = rankCandidates(catalog, "VIDEO", "SPEED", speeds);
    expect(ranked.map((r) => r.provider)).toEqual(["seedance", "veo", "runway"]);
    expect(ranked[0].reason).toContain("p50 41 s over 3 recent runs");
  });

  it("COST picks the cheapest for these options", () => {
    expect(rankCandidates(catalog, "VIDEO", "COST", speeds)[0].provider).toBe("seedance");
  });

  it("BALANCED weighs quality 50 %, speed 25 %, cost 25 %", () => {
    const ranked = rankCandidates(catalog, "VIDEO", "BALANCED", speeds);
    const seedance = ranked.find((r) => r.provider === "seedance")!;
    // quality 88/100 · 0.5 + fastest/own (41/41) · 0.25 + cheapest/own (25/25) · 0.25
    expect(seedance.score).toBeCloseTo(0.5 * 0.88 + 0.25 + 0.25, 3);
    expect(ranked[0].provider).toBe("seedance");
  });

  it("falls back to catalog times without history, and scales a provider's history to other options", () => {
    const none = rankCandidates(catalog, "VIDEO", "SPEED", new SpeedTable([]));
    expect(none[0].provider).toBe("runway");
    expect(none[0].reason).toContain("catalog estimate");
    const tenSeconds = { duration: 10 };
    const scaled = new SpeedTable(history("runway", [100, 100, 100])).estimate("runway", model(60), tenSeconds);
    expect(scaled).toMatchObject({ seconds: 200, source: { kind: "history", sameOptions: false } });
  });
});

describe("circuit breaker", () => {
  it(`opens after ${CONSECUTIVE_FAULTS_TO_OPEN} vendor faults in a row, lets a probe through after the cool-down, and closes on success`, () => {
    let r = emptyRecord();
    const t0 = 1_000_000;
    for (let i = 0; i < CONSECUTIVE_FAULTS_TO_OPEN - 1; i++) r = withOutcome(r, false, t0);
    expect(stateOf(r, t0)).toBe("closed");
    r = withOutcome(r, false, t0);
    expect(stateOf(r, t0)).toBe("open");
    expect(stateOf(r, t0 + baseCooldownMs() + 1)).toBe("half_open");
    // A failed probe re-opens it for twice as long.
    const reopened = withOutcome(r, false, t0 + baseCooldownMs() + 1);
    expect(stateOf(reopened, t0 + baseCooldownMs() * 2)).toBe("open");
    expect(reopened.openUntil - (t0 + baseCooldownMs() + 1)).toBe(baseCooldownMs() * 2);
    const closed = withOutcome(r, true, t0 + baseCooldownMs() + 1);
    expect(stateOf(closed, t0 + baseCooldownMs() + 2)).toBe("closed");
  });

  it("opens when half of the last calls fail even without a long streak", () => {
    let r = emptyRecord();
    for (let i = 0; i < 10; i++) r = withOutcome(r, i % 2 === 0, 0);
    expect(stateOf(r, 0)).toBe("open");
  });
});
