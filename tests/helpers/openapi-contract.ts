import fs from "node:fs";
import path from "node:path";
import OpenAPIBackend, { type Document } from "openapi-backend";
import { parse } from "yaml";

/**
 * A vendor's published OpenAPI file (tests/fixtures/vendors/<vendor>/…, copied with its source URL and date) as a
 * contract: what our adapter sends must validate against the vendor's request schemas, and the vendor's documented
 * responses must parse with our adapter. Validation is openapi-backend's (ajv), not ours.
 */
export interface VendorContract {
  /** Errors (empty when valid) for one request as our adapter sent it. */
  requestErrors(request: { method: string; path: string; headers?: Record<string, string>; query?: Record<string, string>; body?: unknown }): string[];
  /** Errors (empty when valid) for a response body against the operation's schema for that status. */
  responseErrors(operationId: string, status: number, body: unknown): string[];
  /** The operation a request would be routed to (undefined: the vendor's API has no such path). */
  operationFor(method: string, requestPath: string): string | undefined;
}

export async function loadVendorContract(file: string): Promise<VendorContract> {
  const text = fs.readFileSync(path.resolve(file), "utf8");
  const definition = (file.endsWith(".json") ? JSON.parse(text) : parse(text)) as Document;
  // openapi-backend checks a document against OpenAPI 3.0's meta-schema only, and a 3.1 file (Luma's) fails that
  // check, which leaves its router empty; for 3.1 the check is skipped (`quick`), routing and ajv validation remain.
  const is31 = String((definition as { openapi?: string }).openapi ?? "").startsWith("3.1");
  const api = new OpenAPIBackend({ definition, strict: false, validate: true, quick: is31 });
  await api.init();
  const messages = (errors: { instancePath?: string; message?: string }[] | null | undefined) => (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
  return {
    requestErrors({ method, path: requestPath, headers = {}, query = {}, body }) {
      const operation = api.router.matchOperation({ method, path: requestPath, headers });
      if (!operation) return [`no ${method.toUpperCase()} ${requestPath} in the vendor's API`];
      const result = api.validateRequest({ method, path: requestPath, headers: { "content-type": "application/json", ...headers }, query, body }, operation);
      return messages(result.errors);
    },
    responseErrors(operationId, status, body) {
      return messages(api.validateResponse(body, operationId, status).errors);
    },
    operationFor(method, requestPath) {
      return api.router.matchOperation({ method, path: requestPath, headers: {} })?.operationId;
    },
  };
}
