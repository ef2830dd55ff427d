import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env";

/**
 * The server secret that signs media URLs. DOITONG_SECRET in production (all instances must share it); on one
 * machine a random one is made once and kept in the data directory, so URLs survive restarts.
 */
export function serverSecret(): string {
  const fromEnv = env().DOITONG_SECRET;
  if (fromEnv) return fromEnv;
  const holder = globalThis as unknown as { __doitongSecret?: string };
  if (holder.__doitongSecret) return holder.__doitongSecret;
  const file = path.join(dataDir(), "secret.key");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  holder.__doitongSecret = fs.readFileSync(file, "utf8").trim();
  return holder.__doitongSecret;
}
