import { createHash, randomBytes } from "node:crypto";

/**
 * Sign-up confirmation tokens: 256 random bits in the link (base64url, 43 characters); the database keeps only
 * their SHA-256. A token works once (SignUpRequest.confirmedAt) and for SIGN_UP_LINK_HOURS.
 */
export const SIGN_UP_LINK_HOURS = 24;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSignUpToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSignUpToken(token) };
}

export function hashSignUpToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeSignUpToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function confirmLink(origin: string, token: string): string {
  return `${origin}/verify-email?token=${token}`;
}
