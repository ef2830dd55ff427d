import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../../lib/errors";
import { exitCodeFor, EXIT } from "../../../sdk/typescript/src/cli/exit-codes";
import { AuthenticationError, DoitongError, errorFor, ForbiddenError } from "../../../sdk/typescript/src/errors";

// The codes the GraphQL API sends. WAIT_TIMEOUT comes only from the OpenAI-compatible /v1 endpoints, which the SDKs
// do not call.
const GRAPHQL_CODES = Object.keys(ERROR_CODES).filter((code) => code !== "WAIT_TIMEOUT");

describe("SDK error classes", () => {
  it("the TypeScript SDK raises a specific class, and the CLI a specific exit code, for every code the API sends", () => {
    for (const code of GRAPHQL_CODES) {
      const error = errorFor("x", { code });
      expect(error.constructor, code).not.toBe(DoitongError);
      expect(exitCodeFor(error), code).not.toBe(EXIT.FAILED);
    }
  });

  it("a key without the scope and a suspended workspace are ForbiddenErrors, caught as AuthenticationError, exit 3", () => {
    for (const code of ["FORBIDDEN", "WORKSPACE_SUSPENDED"]) {
      const error = errorFor("no", { code });
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(exitCodeFor(error)).toBe(EXIT.AUTH);
    }
  });

  it("the Python SDK maps the same codes to classes other than its base DoitongError", () => {
    const script = `
import json, sys
from doitong.errors import DoitongError, error_for
codes = json.loads(sys.argv[1])
print(json.dumps({c: type(error_for("x", c)).__name__ for c in codes}))`;
    const out = execFileSync("python3", ["-c", script, JSON.stringify(GRAPHQL_CODES)], { cwd: path.resolve("sdk/python"), encoding: "utf8" });
    const classes = JSON.parse(out) as Record<string, string>;
    for (const code of GRAPHQL_CODES) expect(classes[code], code).not.toBe("DoitongError");
    expect(classes.WORKSPACE_SUSPENDED).toBe("ForbiddenError");
  });
});
