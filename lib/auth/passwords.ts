import bcrypt from "bcryptjs";
import { env } from "../env";

/** The production cost; DOITONG_BCRYPT_ROUNDS (a test knob) may lower it for test servers. */
export const PRODUCTION_ROUNDS = 12;
// Compared against when the email is unknown, so a wrong email takes as long as a wrong password. A fixed hash of
// PRODUCTION_ROUNDS rounds (bcrypt.hashSync("doitong-timing-equaliser", 12)): comparing costs the same as against a
// real one, and no server start pays ~0.3 CPU-s to compute it (about 60 starts in a CI run).
export const DUMMY_HASH = "$2b$12$vZHMU.Cktv7wN75KChv1vOyLQ4QK9A.qI7t2llE10jxALJobNAATO";
// With the knob set, the unknown-email comparison costs what a real one then costs (made once, cheap at low cost).
let lowCostDummy: { rounds: number; hash: string } | undefined;

function rounds(): number {
  return env().DOITONG_BCRYPT_ROUNDS;
}

function dummyHash(): string {
  const cost = rounds();
  if (cost === PRODUCTION_ROUNDS) return DUMMY_HASH;
  if (lowCostDummy?.rounds !== cost) lowCostDummy = { rounds: cost, hash: bcrypt.hashSync("doitong-timing-equaliser", cost) };
  return lowCostDummy.hash;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, rounds());
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? dummyHash());
  return ok && Boolean(hash);
}
