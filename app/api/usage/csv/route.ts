import { authenticateApiRequestOrThrow } from "@/lib/auth/authenticate-api-request";
import { bearerToken } from "@/lib/auth/api-keys";
import { sessionCallerFromCookies } from "@/lib/auth/session";
import { AppError, plainErrorResponse } from "@/lib/errors";
import { rateLimitHeaders, responseMeta } from "@/lib/limits/response-meta";
import { getUsage, type UsageGroupBy } from "@/lib/usage/get-usage";
import { usageCsv } from "@/lib/usage/usage-csv";

// GET /api/usage/csv?from=…&to=…&groupBy=DAY — the usage report as a CSV download: with an API key (scope `read`)
// or from the dashboard (its session cookie; a read with no side effect, and another site cannot read the answer).
export async function GET(request: Request) {
  const meta = responseMeta(request);
  try {
    const caller = bearerToken(request.headers.get("authorization"))
      ? await authenticateApiRequestOrThrow(request, meta)
      : await sessionCallerFromCookies(request.headers.get("cookie"));
    if (!caller) throw new AppError("UNAUTHENTICATED", "Sign in to the dashboard, or send `Authorization: Bearer <api key>`");
    const query = new URL(request.url).searchParams;
    const report = await getUsage(caller, {
      from: new Date(query.get("from") ?? ""),
      to: new Date(query.get("to") ?? ""),
      groupBy: (query.get("groupBy") ?? "DAY") as UsageGroupBy,
    });
    const name = `doitong-usage-${report.groupBy.toLowerCase()}-${report.from.toISOString().slice(0, 10)}-${report.to.toISOString().slice(0, 10)}.csv`;
    return new Response(usageCsv(report), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, ...rateLimitHeaders(meta) },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return plainErrorResponse(error, rateLimitHeaders(meta));
  }
}
