import { createHash, randomBytes } from "node:crypto";

/** Invitation links carry 256 random bits (base64url); the database keeps only their SHA-256. */
export const INVITATION_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeInvitationToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function invitationLink(origin: string, token: string): string {
  return `${origin}/invite/${token}`;
}
