import { hostname } from "node:os";
import { processSingleton } from "./process-singleton";

/**
 * The last error-level log lines of this process, for the operators' system page. Kept in memory, per instance,
 * and not in a table: the errors worth seeing are mostly about the database or Redis being unreachable, which a
 * table in that database could not record; remembering costs nothing per line and needs nothing to be up. The
 * price is that each instance shows its own (the page names the instance), and a restart forgets them — the log
 * itself (stdout, collected by the host) remains the record.
 */
export const RECENT_ERRORS_KEPT = 100;

export interface RecentError {
  at: Date;
  level: "error" | "fatal";
  message: string;
  component: string | null;
  requestId: string | null;
  /** The error's class and message when one was logged (`err`), never its stack. */
  error: string | null;
}

const ring = processSingleton("recent-errors", () => [] as RecentError[]);

export function rememberError(entry: RecentError): void {
  ring.push(entry);
  if (ring.length > RECENT_ERRORS_KEPT) ring.splice(0, ring.length - RECENT_ERRORS_KEPT);
}

/** Newest first. */
export function recentErrors(): RecentError[] {
  return [...ring].reverse();
}

/** Which process these are from: the page says so, since every instance keeps its own. */
export function thisInstance(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}
