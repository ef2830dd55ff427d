import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OPERATOR_COOKIE, operatorFromToken } from "./operator-session";

export interface Operator {
  userId: string;
  email: string;
}

/** The request's operator session (read once per request), or null. */
export const currentOperatorSession = cache(async () => operatorFromToken((await cookies()).get(OPERATOR_COOKIE)?.value));

/**
 * Server components, route handlers and server actions under /ops: the signed-in operator (password + TOTP verified
 * in this session), or Next's notFound() for everyone else — a 404, never a 401/403, so the console does not
 * announce itself to customers or strangers.
 */
export async function requireOperator(): Promise<Operator> {
  const session = await currentOperatorSession();
  if (!session) notFound();
  return { userId: session.userId, email: session.email };
}
