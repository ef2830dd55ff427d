import { handleAuthRequest } from "@/lib/auth/auth-route";

// GET|POST /api/auth/* — next-auth: sign-in, sign-out, session, CSRF token (bodies capped, password sign-in throttled).
export { handleAuthRequest as GET, handleAuthRequest as POST };
