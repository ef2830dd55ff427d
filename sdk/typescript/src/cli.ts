#!/usr/bin/env node
import { parseArgs } from "node:util";
import { Doitong } from "./client.js";
import { DoitongError } from "./errors.js";
import { runCommand } from "./cli/commands.js";
import { EXIT, exitCodeFor, UsageError } from "./cli/exit-codes.js";

const USAGE = `Usage: doitong <command> [arguments] [flags]

Commands:
  generate <type> "<prompt>"   start a generation (type: video, image, audio, avatar)
      --provider <id>            a catalog provider (see \`doitong providers <type>\`)
      --option key=value         an option, repeatable (--option duration=5 --option aspectRatio=16:9)
      --priority <p>             quality, speed, cost or balanced (when no --provider)
      --max-cost <credits>       refuse instead of spending more
      --wait                     follow it to the end with a progress bar
      --out <file>               wait, then download the result to <file>
  estimate <type> "<prompt>"   cost and time, without running (same flags)
  status <id> [--wait] [--out <file>]
  cancel <id>
  providers <type>
  balance

Flags: --json (machine-readable output on stdout), --api-key, --url, --help, --version
Environment: DOITONG_API_KEY (required), DOITONG_URL (default https://api.doitong.com)

Exit codes: 0 ok; 1 the generation failed or was cancelled; 2 usage; 3 UNAUTHENTICATED, FORBIDDEN or WORKSPACE_SUSPENDED; 4 INVALID_INPUT;
5 NOT_FOUND; 6 INSUFFICIENT_CREDITS; 7 RATE_LIMIT; 8 PROVIDER_UNAVAILABLE or GENERATION_FAILED; 9 server or network.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        provider: { type: "string" },
        option: { type: "string", multiple: true, short: "o" },
        priority: { type: "string" },
        "max-cost": { type: "string" },
        "idempotency-key": { type: "string" },
        wait: { type: "boolean", short: "w" },
        out: { type: "string" },
        json: { type: "boolean" },
        "api-key": { type: "string" },
        url: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return EXIT.USAGE;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write("0.1.0\n");
    return EXIT.OK;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  const apiKey = values["api-key"] ?? process.env.DOITONG_API_KEY;
  const baseUrl = values.url ?? process.env.DOITONG_URL ?? "https://api.doitong.com";
  if (!apiKey) {
    process.stderr.write("Set DOITONG_API_KEY to a key from the dashboard (or pass --api-key).\n");
    return EXIT.AUTH;
  }
  const client = new Doitong({ apiKey, baseUrl });
  try {
    return await runCommand(client, command, args, values, { stdout: process.stdout, stderr: process.stderr, baseUrl });
  } catch (error) {
    report(error, Boolean(values.json));
    return exitCodeFor(error);
  }
}

function report(error: unknown, json: boolean) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return;
  }
  if (error instanceof DoitongError) {
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, field: error.field, requestId: error.requestId } }, null, 2)}\n`);
    const where = error.field ? ` (${error.field})` : "";
    const request = error.requestId ? ` [request ${error.requestId}]` : "";
    process.stderr.write(`${error.code}${where}: ${error.message}${request}\n`);
    return;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

// The exit code is set, not forced, so pending output is flushed first.
process.exitCode = await main(process.argv.slice(2));
