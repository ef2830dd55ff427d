/**
 * Where to go after signing in. Only a path on this site is honoured: "//evil.com" and "/\evil.com" are
 * protocol-relative URLs to another host, and absolute URLs are refused outright, so the form can never be used
 * as an open redirect.
 */
export function safeCallbackUrl(raw: string | string[] | undefined, fallback = "/dashboard"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
