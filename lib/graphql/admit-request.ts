import { authenticateApiKeyOrThrow, bearerToken } from "../auth/api-keys";
import type { RequestCaller } from "../auth/caller";
import { sessionCallerFromCookies } from "../auth/session";
import { db } from "../db";
import { AppError } from "../errors";
import { clientAddress } from "../net/client-address";

/**
 * Who a GraphQL request comes from, decided from its headers alone — before a byte of its body is read, parsed or
 * validated: an API key (Authorization: Bearer) or the dashboard's session cookie, which also needs the
 * `x-doitong-csrf` header (a custom header another site's page cannot send without a CORS preflight we never
 * grant). Anything else is anonymous, and keeps the refusal it would get: anonymous requests may only ask for
 * introspection and `__typename` (lib/graphql/admission.ts), and get the refusal for anything else.
 */
export type Admission = { kind: "caller"; caller: RequestCaller } | { kind: "anonymous"; refusal: AppError };

const admissions = new WeakMap<Request, Promise<Admission>>();
const settled = new WeakMap<Request, Admission>();

/** The request's admission, memoised per request (the key is looked up once). */
export function admitRequest(request: Request): Promise<Admission> {
  let admission = admissions.get(request);
  if (!admission) {
    admission = decide(request).then((decided) => {
      settled.set(request, decided);
      return decided;
    });
    admissions.set(request, admission);
  }
  return admission;
}

/** The admission of a request whose admitRequest has already finished (the hooks after onRequestParse). */
export function settledAdmission(request: Request): Admission | undefined {
  return settled.get(request);
}

/** The authenticated caller, or the UNAUTHENTICATED refusal of an anonymous request. */
export async function callerOrThrow(request: Request): Promise<RequestCaller> {
  const admission = await admitRequest(request);
  if (admission.kind === "anonymous") throw admission.refusal;
  return admission.caller;
}

async function decide(request: Request): Promise<Admission> {
  try {
    // A copy per request (API-key callers are cached across requests): the client's address, for the audit log.
    return { kind: "caller", caller: { ...(await authenticate(request)), ip: clientAddress(request) } };
  } catch (error) {
    // A missing, bad or revoked key is anonymous, and so is a suspended workspace's (refused with its own code); a
    // database that cannot answer is not (that error goes on).
    if (error instanceof AppError && (error.code === "UNAUTHENTICATED" || error.code === "WORKSPACE_SUSPENDED")) return { kind: "anonymous", refusal: error };
    throw error;
  }
}

async function authenticate(request: Request): Promise<RequestCaller> {
  const bearer = bearerToken(request.headers.get("authorization"));
  if (bearer || !request.headers.get("cookie")) return authenticateApiKeyOrThrow(await db(), bearer);
  const session = await sessionCallerFromCookies(request.headers.get("cookie"));
  if (!session) throw new AppError("UNAUTHENTICATED", "Your session has expired: sign in again");
  if (!request.headers.get("x-doitong-csrf")) throw new AppError("UNAUTHENTICATED", "Dashboard requests need the x-doitong-csrf header");
  return session;
}
