import bcrypt from "bcryptjs";

const ROUNDS = 12;
// Compared against when the email is unknown, so a wrong email takes as long as a wrong password. A fixed hash of
// ROUNDS rounds (bcrypt.hashSync("doitong-timing-equaliser", 12)): comparing costs the same as against a real one,
// and no server start pays ~0.3 CPU-s to compute it (about 60 starts in a CI run).
export const DUMMY_HASH = "$2b$12$vZHMU.Cktv7wN75KChv1vOyLQ4QK9A.qI7t2llE10jxALJobNAATO";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, ROUNDS);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
