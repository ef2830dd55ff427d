import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { effectiveRetention, formatRetention, hasMedia, parseRetention } from "@/lib/limits/retention";

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("retention values", () => {
  it("reads a number and a unit, within the plan's maximum", () => {
    expect(parseRetention("1h", "FREE")).toBe(3_600);
    expect(parseRetention(" 7D ", "FREE")).toBe(7 * 86_400);
    expect(parseRetention("90m", "STARTER")).toBe(5_400);
    expect(parseRetention("90d", "PRO")).toBe(90 * 86_400);
    expect(parseRetention("forever", "ENTERPRISE")).toBeNull();
  });

  it("refuses malformed, too short and over-the-plan values with the field and a reason", () => {
    expect(refusal(() => parseRetention("7 days", "PRO"))).toMatchObject({ code: "INVALID_INPUT", field: "retention", reason: "format" });
    expect(refusal(() => parseRetention("59m", "PRO"))).toMatchObject({ field: "retention", reason: "too-short" });
    expect(refusal(() => parseRetention("8d", "FREE"))).toMatchObject({ field: "retention", reason: "over-plan-maximum" });
    expect(refusal(() => parseRetention("forever", "PRO"))).toMatchObject({ reason: "over-plan-maximum" });
    expect(refusal(() => parseRetention("3651d", "ENTERPRISE"))).toMatchObject({ reason: "over-plan-maximum" });
  });

  it("formats seconds in the largest whole unit", () => {
    expect([86_400 * 30, 3_600 * 36, 5_400, null].map(formatRetention)).toEqual(["30d", "36h", "90m", "forever"]);
  });

  it("a request's value wins; else the workspace default capped by the plan; else the plan's maximum", () => {
    expect(effectiveRetention("FREE", null)).toBe(7 * 86_400);
    expect(effectiveRetention("FREE", 3_600)).toBe(3_600);
    // A default kept from a bigger plan is cut to the smaller plan's maximum.
    expect(effectiveRetention("FREE", 90 * 86_400)).toBe(7 * 86_400);
    expect(effectiveRetention("ENTERPRISE", null)).toBeNull();
    expect(effectiveRetention("PRO", 86_400, 7_200)).toBe(7_200);
  });

  it("media is there only while completed, not expired by the clock, not purged and not deleted", () => {
    const g = { status: "COMPLETED" as const, storageKey: "a/b/output.png", mediaExpiresAt: new Date(2_000), mediaExpiredAt: null, deletedAt: null };
    expect(hasMedia(g, 1_999)).toBe(true);
    expect(hasMedia(g, 2_000)).toBe(false);
    expect(hasMedia({ ...g, mediaExpiresAt: null }, 10 ** 13)).toBe(true);
    expect(hasMedia({ ...g, mediaExpiredAt: new Date(1) }, 0)).toBe(false);
    expect(hasMedia({ ...g, deletedAt: new Date(1) }, 0)).toBe(false);
    expect(hasMedia({ ...g, status: "FAILED" }, 0)).toBe(false);
  });
});
