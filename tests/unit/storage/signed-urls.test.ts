import { beforeAll, describe, expect, it } from "vitest";
import { signedMediaUrl, verifyMediaSignature } from "@/lib/storage";

beforeAll(() => {
  process.env.DOITONG_SECRET = "s".repeat(64);
});

const parts = (url: string) => {
  const u = new URL(url);
  return { key: decodeURIComponent(u.pathname.replace(/^\/media\//, "")), expires: u.searchParams.get("expires"), sig: u.searchParams.get("sig") };
};

describe("signed media URLs", () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  const url = signedMediaUrl("http://localhost:3000/", "acct_1/gen_1/output.png", now);

  it("verify until they expire, about an hour later", () => {
    const { key, expires, sig } = parts(url);
    expect(url.startsWith("http://localhost:3000/media/acct_1/gen_1/output.png?")).toBe(true);
    expect(verifyMediaSignature(key, expires, sig, now)).toBe(true);
    expect(verifyMediaSignature(key, expires, sig, now + 59 * 60_000)).toBe(true);
    expect(verifyMediaSignature(key, expires, sig, now + 62 * 60_000)).toBe(false);
  });

  it("cannot be moved to another file or given a later expiry", () => {
    const { key, expires, sig } = parts(url);
    expect(verifyMediaSignature("acct_2/gen_1/output.png", expires, sig, now)).toBe(false);
    expect(verifyMediaSignature(key, String(Number(expires) + 3600), sig, now)).toBe(false);
    expect(verifyMediaSignature(key, expires, null, now)).toBe(false);
    expect(verifyMediaSignature(key, expires, `${sig}x`, now)).toBe(false);
  });
});
