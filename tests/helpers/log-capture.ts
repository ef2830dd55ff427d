import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

/** A pino logger that keeps its lines in memory, for tests that check what was logged (and how often). */
export function capturedLogger(): { log: Logger; lines: () => { level: number; msg: string; [field: string]: unknown }[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    log: pino({ level: "trace" }, stream),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string }),
  };
}
