import { describe, expect, it } from "vitest";
import { endpointWants, parseEventFilter } from "@/lib/webhooks/event-filter";
import { MAX_ATTEMPTS, retryDelayMs } from "@/lib/webhooks/retry-schedule";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;

describe("retry schedule", () => {
  it("follows Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up", () => {
    const exact = { random: () => 0.5, scale: 1 };
    expect(Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, exact))).toEqual([5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H]);
    expect(MAX_ATTEMPTS).toBe(10);
    expect(retryDelayMs(10, exact)).toBeNull();
    expect(retryDelayMs(0, exact)).toBeNull();
  });

  it("jitters by at most ±10 %", () => {
    expect(retryDelayMs(2, { random: () => 0, scale: 1 })).toBe(0.9 * 5 * M);
    expect(retryDelayMs(2, { random: () => 0.999999, scale: 1 })).toBeCloseTo(1.1 * 5 * M, -1);
  });

  it("scales for tests, but honours a longer Retry-After as sent", () => {
    expect(retryDelayMs(3, { random: () => 0.5, scale: 0.001 })).toBe(1_800);
    expect(retryDelayMs(1, { random: () => 0.5, scale: 0.001, retryAfterSeconds: 4 })).toBe(4_000);
    expect(retryDelayMs(2, { random: () => 0.5, scale: 1, retryAfterSeconds: 10 })).toBe(5 * M); // shorter: schedule wins
    expect(retryDelayMs(1, { random: () => 0.5, scale: 1, retryAfterSeconds: 10 ** 9 })).toBe(24 * H); // capped
  });
});

describe("event filters", () => {
  it("sends every final event to an endpoint without a filter, progress only when asked for", () => {
    expect(endpointWants([], "generation.completed")).toBe(true);
    expect(endpointWants([], "generation.cancelled")).toBe(true);
    expect(endpointWants([], "generation.progress")).toBe(false);
    expect(endpointWants(["generation.progress"], "generation.progress")).toBe(true);
    expect(endpointWants(["generation.failed"], "generation.completed")).toBe(false);
  });

  it("accepts known types once and refuses others", () => {
    expect(parseEventFilter(["generation.failed", "generation.failed"])).toEqual(["generation.failed"]);
    expect(parseEventFilter(undefined)).toEqual([]);
    expect(() => parseEventFilter(["generation.created"])).toThrow(/Unknown event type/);
  });
});
