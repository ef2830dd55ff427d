import type { Generation } from "../wait.js";

const WIDTH = 30;

/**
 * Shows a generation's progress on stderr: a bar redrawn in place on a terminal, one line per status change
 * otherwise (so logs of scripts stay readable). stdout is left to the result.
 */
export function progressReporter(stream: NodeJS.WriteStream, enabled: boolean) {
  const started = Date.now();
  let lastStatus = "";
  let drawn = false;
  return {
    update(generation: Generation) {
      if (!enabled) return;
      const seconds = Math.round((Date.now() - started) / 1000);
      if (stream.isTTY) {
        const filled = Math.round((generation.progress / 100) * WIDTH);
        const eta = generation.estimatedTimeRemaining > 0 ? `, ~${generation.estimatedTimeRemaining}s left` : "";
        stream.write(
          `\r\x1b[2K[${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${String(generation.progress).padStart(3)}% ${generation.status.toLowerCase()} ${seconds}s${eta}`,
        );
        drawn = true;
      } else if (generation.status !== lastStatus) {
        stream.write(`${generation.id}: ${generation.status.toLowerCase()} (${generation.progress}%) after ${seconds}s\n`);
      }
      lastStatus = generation.status;
    },
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
