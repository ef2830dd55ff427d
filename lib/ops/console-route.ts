import { NextResponse } from "next/server";
import { AppError } from "../errors";
import { clientAddress, requestOrigin } from "../net/client-address";
import { type Operator, requireOperator } from "./operators";

export interface ConsoleRequest {
  operator: Operator;
  form: FormData;
  /** The operator's address, for the audit log. */
  ip: string | null;
  /** A text field of the form, trimmed ("" when absent). */
  field(name: string): string;
}

/** Where the action sends the operator next (a /ops path) and what it tells them (a key under ops.notices). */
export interface ConsoleOutcome {
  to?: string;
  notice: string;
}

/**
 * A console operation as a plain form POST (works without JavaScript): the operator is checked first — anyone else
 * gets the same 404 as for a missing page, on GET too — then the request must come from our own origin (the
 * session cookie is SameSite=Strict as well), then `handle` runs. The answer is a 303 back to the page the form
 * was on (`back`, a /ops path) with ?notice=<key>, or with ?error=<code>&field=<field>&reason=<reason> for a refused
 * AppError (pages word them with ConsoleNotice, components/ops/console-notice.tsx).
 */
export function consoleRoute(handle: (request: ConsoleRequest) => Promise<ConsoleOutcome>) {
  return {
    async GET(): Promise<Response> {
      await requireOperator();
      return new Response(null, { status: 405, headers: { allow: "POST" } });
    },
    async POST(request: Request): Promise<Response> {
      const operator = await requireOperator();
      if (!sameOrigin(request)) return new Response(null, { status: 403 });
      const form = await request.formData();
      const field = (name: string) => {
        const value = form.get(name);
        return typeof value === "string" ? value.trim() : "";
      };
      const back = consolePath(field("back")) ?? "/ops/customers";
      const address = clientAddress(request);
      try {
        const outcome = await handle({ operator, form, ip: address === "unknown" ? null : address, field });
        return seeOther(request, withParams(consolePath(outcome.to ?? "") ?? back, { notice: outcome.notice }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const { field, reason } = error.details;
        const extra = { ...(typeof field === "string" ? { field } : {}), ...(typeof reason === "string" ? { reason } : {}) };
        return seeOther(request, withParams(back, { error: error.code, ...extra }));
      }
    },
  };
}

/** A form POST from a page of this site (Origin, or Referer for browsers that omit it). */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin") ?? (URL.canParse(request.headers.get("referer") ?? "") ? new URL(request.headers.get("referer") ?? "").origin : null);
  return origin !== null && origin === requestOrigin(request);
}

export function seeOther(request: Request, path: string): NextResponse {
  return NextResponse.redirect(new URL(path, requestOrigin(request)), 303);
}

/** Only a path inside the console: never another site, never outside /ops. */
function consolePath(raw: string): string | null {
  return raw.startsWith("/ops/") && !raw.startsWith("//") && !raw.includes("\\") ? raw : null;
}

function withParams(path: string, params: Record<string, string>): string {
  const url = new URL(path, "http://console.invalid");
  for (const name of ["notice", "error", "field", "reason"]) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}
