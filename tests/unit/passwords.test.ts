import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, PRODUCTION_ROUNDS, verifyPassword } from "../../lib/auth/passwords";

describe("passwords", () => {
  it("hashes at the production cost of 12 unless a test lowers it", async () => {
    // This process runs without DOITONG_BCRYPT_ROUNDS, as production does (test servers set it: tests/helpers/server.ts).
    expect(process.env.DOITONG_BCRYPT_ROUNDS).toBeUndefined();
    const real = await hashPassword("correct horse battery staple");
    expect(PRODUCTION_ROUNDS).toBe(12);
    expect(bcrypt.getRounds(real)).toBe(12);
  });

  it("an unknown email is checked against a hash as costly as a real one, and never matches", async () => {
    const real = await hashPassword("correct horse battery staple");
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(bcrypt.getRounds(real));
    expect(await verifyPassword("doitong-timing-equaliser", null)).toBe(false);
    expect(await verifyPassword("correct horse battery staple", real)).toBe(true);
    expect(await verifyPassword("wrong", real)).toBe(false);
  });
});
