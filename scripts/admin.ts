// Operator commands: `npm run admin -- <command> [--flag value…]`. Prints one line of JSON per command.
import { parseArgs } from "node:util";
import { createAccount } from "../lib/accounts/create-account";
import { disconnectDb } from "../lib/db";
import { closeEmbedded } from "../lib/db/embedded";
import { AppError } from "../lib/errors";
import type { KeyMode, Plan } from "../lib/generated/prisma/client";

const USAGE = `Usage:
  npm run admin -- create-account --email E [--plan FREE|STARTER|PRO|ENTERPRISE] [--credits N] [--key-mode live|test]`;

async function main(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, plan: { type: "string" }, credits: { type: "string" }, "key-mode": { type: "string" } },
  });
  switch (command) {
    case "create-account": {
      if (!values.email) throw new AppError("INVALID_INPUT", "--email is required", { field: "email" });
      const credits = values.credits === undefined ? 0 : Number(values.credits);
      return createAccount({
        email: values.email,
        plan: (values.plan?.toUpperCase() ?? "FREE") as Plan,
        credits,
        keyMode: (values["key-mode"]?.toUpperCase() ?? "LIVE") as KeyMode,
      });
    }
    default:
      throw new AppError("INVALID_INPUT", `Unknown command ${command ?? "(none)"}\n${USAGE}`, { field: "command" });
  }
}

let exitCode = 0;
try {
  console.log(JSON.stringify(await main(process.argv.slice(2))));
} catch (error) {
  exitCode = 1;
  const e = error as Error;
  console.error(JSON.stringify(error instanceof AppError ? { error: { code: error.code, message: e.message, ...error.details } } : { error: { code: "INTERNAL", message: e.message } }));
} finally {
  await disconnectDb().catch(() => undefined);
  await closeEmbedded().catch(() => undefined);
}
process.exit(exitCode);
