import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth-options";

// GET|POST /api/auth/* — next-auth: sign-in, sign-out, session, CSRF token.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => NextAuth(authOptions())(request, context);

export { handler as GET, handler as POST };
