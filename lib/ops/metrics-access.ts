import { timingSafeEqual } from "node:crypto";
import { env } from "../env";

/** Who may scrape: nobody without DOITONG_METRICS_TOKEN (the endpoint is off), else a bearer of that token. */
export function metricsAccess(authorization: string | null): "disabled" | "denied" | "allowed" {
  const token = env().DOITONG_METRICS_TOKEN;
  if (!token) return "disabled";
  const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "allowed" : "denied";
}
