import pino, { type Logger } from "pino";
import { logLevel } from "./env";
import { rememberError } from "./recent-errors";
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
  // Error and fatal lines are also kept in memory for the operators' system page (lib/recent-errors.ts).
  hooks: {
    logMethod(args, method, level) {
      if (level >= 50) remember(this, args, level);
      method.apply(this, args);
    },
  },
});

const FATAL = 60;

function remember(logger: Logger, args: unknown[], level: number): void {
  const [first, second] = args;
  const fields = typeof first === "object" && first !== null && !(first instanceof Error) ? (first as Record<string, unknown>) : {};
  const err = first instanceof Error ? first : fields.err instanceof Error ? fields.err : undefined;
  const message = typeof first === "string" ? first : typeof second === "string" ? second : (err?.message ?? "");
  const component = (logger.bindings() as { component?: unknown }).component;
  rememberError({
    at: new Date(),
    level: level >= FATAL ? "fatal" : "error",
    message,
    component: typeof component === "string" ? component : null,
    requestId: currentRequestId() ?? (typeof fields.requestId === "string" ? fields.requestId : null),
    error: err ? `${err.name}: ${err.message}`.slice(0, 500) : null,
  });
}

/** A logger for one part of the system; its lines carry `component`. */
export function logger(component: string): Logger {
  return log.child({ component });
}
