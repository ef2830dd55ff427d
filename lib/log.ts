import pino, { type Logger } from "pino";
import { logLevel } from "./env";
import { currentRequestId } from "./request-context";

/**
 * The one structured logger (JSON lines on stdout, pino). Every caught error that is not rethrown is logged here
 * once, with what was being done and the ids involved (`log.error({ err, generationId }, "…")`), so an outage is
 * never silent; a loop that retries says so once when it starts failing and once when it recovers
 * (lib/log-outage.ts). `DOITONG_LOG_LEVEL` sets the level (default info; tests may set warn). Lines written while
 * serving a request carry its `requestId` (lib/request-context.ts); child loggers carry a component.
 */
export const log: Logger = pino({
  level: logLevel(),
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
  // `err` keeps the stack and `code` of errors; no secret is ever passed as a field.
  serializers: { err: pino.stdSerializers.err },
  mixin() {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
});

/** A logger for one part of the system; its lines carry `component`. */
export function logger(component: string): Logger {
  return log.child({ component });
}
