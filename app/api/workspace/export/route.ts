import { sessionCallerFromCookies } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { publicBaseUrl } from "@/lib/net/client-address";
import { exportWorkspace } from "@/lib/retention/export-workspace";

// GET /api/workspace/export — the signed-in owner's workspace as a JSON download (the dashboard's Export button;
// the same document as the GraphQL `workspaceExport`). A cross-site page can start the download but never read it.
export async function GET(request: Request) {
  const caller = await sessionCallerFromCookies(request.headers.get("cookie"));
  if (!caller) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in to export the workspace" } }, { status: 401 });
  let document;
  try {
    document = await exportWorkspace(caller, publicBaseUrl(request));
  } catch (error) {
    // Only the owner may export (lib/teams/permissions.ts): anyone else is told so, in the error table's words.
    if (error instanceof AppError && error.code === "FORBIDDEN") return Response.json({ error: { code: error.code, message: error.message } }, { status: 403 });
    throw error;
  }
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="doitong-${caller.accountId}-${document.exportedAt.slice(0, 10)}.json"`,
      "cache-control": "private, no-store",
    },
  });
}
