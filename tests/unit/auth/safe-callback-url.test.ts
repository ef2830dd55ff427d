import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";

// What a browser would make of each value decides: anything that would leave the site falls back to /dashboard.
describe("safeCallbackUrl", () => {
  it.each([
    ["/\t/evil.example/"],
    ["/\n/evil.example/"],
    ["/\r\n/evil.example/"],
    ["/\\evil.example/"],
    ["\\/evil.example/"],
    ["//evil.example/"],
    ["///evil.example/"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    [" /dashboard"],
    [""],
    [undefined],
  ])("refuses %j", (raw) => {
    expect(safeCallbackUrl(raw)).toBe("/dashboard");
  });

  it.each([
    ["/dashboard/keys", "/dashboard/keys"],
    ["/dashboard/history?status=FAILED#top", "/dashboard/history?status=FAILED#top"],
    ["/dashboard/../signin", "/signin"],
    ["/%09/evil.example/", "/%09/evil.example/"],
  ])("keeps %j as the path it parses to", (raw, kept) => {
    expect(safeCallbackUrl(raw)).toBe(kept);
  });

  it("takes the first of repeated parameters", () => {
    expect(safeCallbackUrl(["/dashboard/plans", "//evil.example"])).toBe("/dashboard/plans");
  });
});
