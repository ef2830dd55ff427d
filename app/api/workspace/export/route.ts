import { sessionCallerFromCookies } from "@/lib/auth/session";
import { AppError, plainErrorResponse } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/net/client-address";
import { exportWorkspace } from "@/lib/retention/export-workspace";

// GET /api/workspace/export — the signed-in owner's workspace as a JSON download (the dashboard's Export button;
// the same document as the GraphQL `workspaceExport`). A cross-site page can start the download but never read it.
export async function GET(request: Request) {
  try {
    const caller = await sessionCallerFromCookies(request.headers.get("cookie"));
    if (!caller) throw new AppError("UNAUTHENTICATED", "Sign in to export the workspace");
    // Only the owner may export (lib/teams/permissions.ts): anyone else gets FORBIDDEN, as every refusal, in the
    // error table's words and status.
    const document = await exportWorkspace(caller, publicBaseUrl(request));
    return new Response(JSON.stringify(document, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="doitong-${caller.accountId}-${document.exportedAt.slice(0, 10)}.json"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return plainErrorResponse(error);
  }
}
