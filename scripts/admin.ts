// Operator commands: `npm run admin -- <command> [--flag value…]`. Prints one line of JSON per command.
import { parseArgs } from "node:util";
import { createAccount } from "../lib/accounts/create-account";
import { setAccountLimits } from "../lib/accounts/set-account-limits";
import { disconnectDb } from "../lib/db";
import { closeEmbedded } from "../lib/db/embedded";
import { env } from "../lib/env";
import { AppError } from "../lib/errors";
import { grantOperator, revokeOperator } from "../lib/ops/grant-operator";
import type { KeyMode, Plan } from "../lib/generated/prisma/client";

const USAGE = `Usage:
  npm run admin -- create-account --email E [--plan FREE|STARTER|PRO|ENTERPRISE] [--credits N] [--key-mode live|test]
                                  [--rpm N] [--parallel N] [--daily N]
  npm run admin -- set-limits --account ID [--plan P] [--rpm N] [--parallel N] [--daily N]
  npm run admin -- grant-operator --email E      (prints a one-time link to set up the operator's authenticator)
  npm run admin -- revoke-operator --email E
Custom limits: 0 = unlimited, "plan" = back to the plan's limit.
Operators are people who sign in to the dashboard already (they sign up first); they then sign in to /ops.`;

const flags = {
  email: { type: "string" },
  plan: { type: "string" },
  credits: { type: "string" },
  "key-mode": { type: "string" },
  account: { type: "string" },
  rpm: { type: "string" },
  parallel: { type: "string" },
  daily: { type: "string" },
} as const;

/** "--rpm 30" → 30, "--rpm plan" → null (plan default), absent → undefined (unchanged). */
function limitFlag(value: string | undefined, field: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "plan") return null;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new AppError("INVALID_INPUT", `--${field} must be a whole number ≥ 0 or "plan"`, { field });
  return n;
}

async function main(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: flags });
  const plan = values.plan?.toUpperCase() as Plan | undefined;
  const limits = { rpm: limitFlag(values.rpm, "rpm"), parallel: limitFlag(values.parallel, "parallel"), daily: limitFlag(values.daily, "daily") };
  switch (command) {
    case "create-account": {
      if (!values.email) throw new AppError("INVALID_INPUT", "--email is required", { field: "email" });
      const created = await createAccount({
        email: values.email,
        plan: plan ?? "FREE",
        credits: values.credits === undefined ? 0 : Number(values.credits),
        keyMode: (values["key-mode"]?.toUpperCase() ?? "LIVE") as KeyMode,
      });
      if (Object.values(limits).some((v) => v !== undefined)) await setAccountLimits(created.accountId, limits);
      return created;
    }
    case "set-limits":
      if (!values.account) throw new AppError("INVALID_INPUT", "--account is required", { field: "account" });
      return setAccountLimits(values.account, { plan, ...limits });
    case "grant-operator": {
      if (!values.email) throw new AppError("INVALID_INPUT", "--email is required", { field: "email" });
      const granted = await grantOperator(values.email);
      if (granted.kind === "already-operator") return { ...granted, note: "Already an operator with an authenticator; revoke-operator then grant-operator to reset it." };
      // The link is the only way to enrol: hand it to the operator yourself (it is valid once, for 24 hours).
      const base = env().DOITONG_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
      return { ...granted, enrolUrl: `${base}${granted.enrolPath}` };
    }
    case "revoke-operator":
      if (!values.email) throw new AppError("INVALID_INPUT", "--email is required", { field: "email" });
      return revokeOperator(values.email);
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
  console.error(
    JSON.stringify(error instanceof AppError ? { error: { code: error.code, message: e.message, ...error.details } } : { error: { code: "INTERNAL", message: e.message } }),
  );
} finally {
  // The command's answer is already printed; a failed close is reported on stderr, not as the answer.
  await disconnectDb().catch((err: unknown) => console.error("admin: closing the database connection failed:", err));
  await closeEmbedded().catch((err: unknown) => console.error("admin: closing the embedded database failed:", err));
}
process.exit(exitCode);
