import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "@/lib/net/retry-after";

// The one Retry-After parser, for vendors' 429s and webhook receivers alike.
describe("Retry-After", () => {
  it("reads delay-seconds or an HTTP date, as seconds from now", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(new Date(Date.UTC(2020, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(0); // past: now
  });

  it("reads fractional seconds as given (some servers send them)", () => {
    expect(parseRetryAfter(" 1.5 ")).toBe(1.5);
  });
});
