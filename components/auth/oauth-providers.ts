import { authOptions } from "@/lib/auth/next-auth-options";
import type { OAuthProvider } from "./oauth-buttons";

/** The OAuth providers this server is configured for (server only: reads the env through the auth options). */
export function configuredOAuthProviders(): OAuthProvider[] {
  return authOptions()
    .providers.filter((p) => p.type === "oauth")
    .map((p) => ({ id: p.id, name: p.name }));
}
