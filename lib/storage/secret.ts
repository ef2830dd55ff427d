import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env } from "../env";
import { processSingleton } from "../process-singleton";

/**
 * The server secret that signs media URLs. DOITONG_SECRET in production (all instances must share it); on one
 * machine a random one is made once and kept in the data directory, so URLs survive restarts.
 */
export function serverSecret(): string {
  return env().DOITONG_SECRET ?? processSingleton("secret", readOrMakeSecret);
}

function readOrMakeSecret(): string {
  const file = path.join(dataDir(), "secret.key");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8").trim();
}
