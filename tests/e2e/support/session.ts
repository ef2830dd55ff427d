import type { Page } from "@playwright/test";

/**
 * A fresh signed-in person in this browser context, made through the real endpoints (sign-up API, then
 * next-auth's credentials callback), for specs whose subject is not the sign-in form itself.
 */
export async function signedInAsNewUser(page: Page): Promise<{ email: string; password: string }> {
  const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const request = page.context().request;
  const signup = await request.post("/api/signup", { data: { email, password }, headers: { origin: process.env.E2E_BASE_URL ?? "" } });
  if (signup.status() !== 201) throw new Error(`sign-up failed: ${signup.status()} ${await signup.text()}`);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signin = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  if (signin.status() >= 400) throw new Error(`sign-in failed: ${signin.status()}`);
  return { email, password };
}
