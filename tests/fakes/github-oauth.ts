import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

/**
 * A local GitHub for OAuth sign-in, laid out as GitHub Enterprise Server is (the app's GITHUB_URL points here): the
 * web flow at /login/oauth/authorize and /login/oauth/access_token, the REST API (version 2022-11-28) under
 * /api/v3 — GET /user and GET /user/emails ([{ email, primary, verified, visibility }], as documented at
 * docs.github.com/en/rest/users/emails). Authorize approves at once as `user` (set by the test) and redirects back
 * with a code, as GitHub does for an app the person already authorised.
 */
export interface GitHubUser {
  id: number;
  login: string;
  name: string;
  /** The public profile email (GitHub shows only a verified one there; null when hidden). */
  email: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export interface FakeGitHub {
  url: string;
  user: GitHubUser;
  close(): Promise<void>;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const codes = new Map<string, GitHubUser>();
  const tokens = new Map<string, GitHubUser>();
  const fake: FakeGitHub = { url: "", user: { id: 1, login: "octocat", name: "Octo Cat", email: null, emails: [] }, close: async () => undefined };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://github.local");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
      const code = randomBytes(10).toString("hex");
      codes.set(code, structuredClone(fake.user));
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const code = new URLSearchParams(body).get("code") ?? "";
      const user = codes.get(code);
      codes.delete(code);
      // GitHub answers a bad code with HTTP 200 and an error field.
      if (!user) return json(200, { error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
      const token = `gho_${randomBytes(16).toString("hex")}`;
      tokens.set(token, user);
      return json(200, { access_token: token, token_type: "bearer", scope: "read:user,user:email" });
    }
    const user = tokens.get((req.headers.authorization ?? "").replace(/^(Bearer|token)\s+/i, ""));
    if (url.pathname.startsWith("/api/v3/") && !user) return json(401, { message: "Bad credentials" });
    if (req.method === "GET" && url.pathname === "/api/v3/user" && user) {
      return json(200, { id: user.id, login: user.login, name: user.name, email: user.email, avatar_url: null });
    }
    if (req.method === "GET" && url.pathname === "/api/v3/user/emails" && user) {
      return json(
        200,
        user.emails.map((e) => ({ ...e, visibility: e.primary ? "private" : null })),
      );
    }
    json(404, { message: "Not Found" });
  };
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
