import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { serverSecret } from "../storage/secret";

/**
 * Operators' second factor: RFC 6238 TOTP (SHA-1, 6 digits, 30 s — what every authenticator app reads from the QR
 * code) through `otpauth`. The secret is stored encrypted with a key derived from the server secret, so a copy of
 * the database alone does not hand out codes.
 */
const ISSUER = "Doitong ops";

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(base32: string, label = "operator"): TOTP {
  return new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(base32), algorithm: "SHA1", digits: 6, period: 30 });
}

/** The otpauth:// URI an authenticator app scans (shown as a QR code at enrolment). */
export function totpUri(base32: string, email: string): string {
  return totp(base32, email).toString();
}

/**
 * The 30-second step `code` belongs to (one step either side of now, for clocks that drift), or null when it is no
 * current code. Callers accept a step once (User.totpLastStep), so a code cannot be replayed.
 */
export function totpStep(base32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const t = totp(base32);
  const delta = t.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : t.counter({ timestamp: now }) + delta;
}

/** The current code (tests and the e2e helper sign in with it, as an authenticator app would). */
export function currentTotpCode(base32: string, now = Date.now()): string {
  return totp(base32).generate({ timestamp: now });
}

const key = () => createHash("sha256").update(`${serverSecret()}:operator totp`).digest();

export function sealTotpSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), sealed.toString("base64url")].join(".");
}

export function openTotpSecret(stored: string): string {
  const [version, iv, tag, sealed] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !sealed) throw new Error("Unreadable operator TOTP secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}
