import { describe, expect, it } from "vitest";
import { newId, randomString } from "@/lib/ids";

// Ids and secrets drawn from our 54-character alphabet: every character equally likely (no modulo bias).
describe("ids", () => {
  it("draws every character of the alphabet about equally often", () => {
    const counts = new Map<string, number>();
    const samples = 54 * 4_000;
    for (const c of randomString(samples)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(54);
    const expected = samples / 54;
    // With `byte % 54`, the first 40 characters came up 5 times in 256 and the last 14 only 4 (16 % under).
    // Uniform draws stay within a few percent at this size (4,000 per character: σ ≈ 1.6 %).
    for (const [, n] of counts) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });

  it("makes prefixed, time-ordered ids", () => {
    const a = newId("gen");
    expect(a).toMatch(/^gen_[0-9A-Za-z]{22}$/);
  });
});
