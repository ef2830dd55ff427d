import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../lib/auth/passwords";

describe("passwords", () => {
  it("an unknown email is checked against a hash as costly as a real one, and never matches", async () => {
    const real = await hashPassword("correct horse battery staple");
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(bcrypt.getRounds(real));
    expect(await verifyPassword("doitong-timing-equaliser", null)).toBe(false);
    expect(await verifyPassword("correct horse battery staple", real)).toBe(true);
    expect(await verifyPassword("wrong", real)).toBe(false);
  });
});
