import pg from "pg";
import { pgPool } from "../db";
import type { AppError } from "../errors";
import { countCreated } from "../events/record-generation-event";
import { type Generation, Prisma } from "../generated/prisma/client";
import { type BudgetRow, keyBudgetsSql, toBudgets } from "../limits/key-spend";
import { type AdmissionLockRow, lockAccountForAdmissionSql, recountActiveSql, toAdmissionLock } from "../limits/lock-account";
import { logger } from "../log";
import { type AccountTerms, type Admission, admittedRows, cappedKeys, insertAdmittedSql, judgeAdmissions, termsHoldSql, termsOf, withRetention } from "./admission-rules";

/**
 * An admission's transaction (accept-generations.ts) in one or two round trips on a connection of db()'s own pool,
 * instead of five through Prisma's interactive transaction (issue 22: Prisma's layer cost ~0.4 ms a statement, more
 * than the statements). Judged here, the statements and the rules are the same (admission-rules.ts); what makes two
 * round trips of them is PostgreSQL's simple-query protocol, which runs several statements sent together one after
 * another, each with a snapshot of its own:
 *   1. `BEGIN; <lock the account row, reading its counts>; <read its capped keys' budgets>` — the budgets'
 *      statement starts once the lock is held, so it sees every reservation committed by whoever held it before;
 *   2. `<insert the generations, reserve their credits, raise the counts, record their events>; COMMIT` — an error
 *      in the insert (an Idempotency-Key taken meanwhile: a unique violation) skips the COMMIT, and the transaction
 *      is rolled back.
 * The simple protocol has no parameters: values are written into the text as literals, escaped by `pg`.
 *
 * A batch the row's count of queued and running generations would refuse takes a third round trip: the exact count
 * (recountActiveSql), which the batch is judged against again.
 *
 * Most batches take one round trip instead (admitAtOnce): once an admission here has read an account's terms
 * (plan, limits, retention default, alert threshold), the next is written in one statement, without BEGIN, that
 * writes only if those terms still hold and the batch is accepted whole (termsHoldSql). It holds the account's row
 * lock only while PostgreSQL runs it, not across a round trip to this process. A batch it does not write is judged
 * as above.
 * Returns undefined, having rolled back, for a batch that crosses an alert threshold (recordAlert writes through
 * Prisma): the caller then writes it in Prisma's transaction, which judges it again.
 */
export async function admitDirectly<A extends Admission>(batch: A[]): Promise<(Generation | AppError)[] | undefined> {
  const conn = await (await pgPool()).connect();
  // A checked-out client's connection error has no listener of the pool's: unheard, it would end the process. The
  // statement under way fails with it too, and that failure is the request's.
  const onError = (err: Error) => log.warn({ err }, "the database connection of an admission failed");
  conn.on("error", onError);
  const state = { open: false };
  try {
    const outcomes = (await admitAtOnce(conn, batch)) ?? (await admitOn(conn, batch, state));
    conn.removeListener("error", onError);
    conn.release();
    return outcomes;
  } catch (error) {
    const clean =
      !state.open ||
      (await conn.query("ROLLBACK").then(
        () => true,
        () => false,
      ));
    // A connection that could not roll back is closed rather than handed to the next request mid-transaction.
    conn.removeListener("error", onError);
    conn.release(!clean);
    throw error;
  }
}

async function admitOn<A extends Admission>(conn: pg.PoolClient, batch: A[], state: { open: boolean }): Promise<(Generation | AppError)[] | undefined> {
  const accountId = batch[0].row.accountId;
  const now = new Date();
  const capped = cappedKeys(batch);
  state.open = true;
  const budgetsStatement = capped.length > 0 ? `; ${literal(keyBudgetsSql(capped, now))}` : "";
  const [, locked, budgetRows] = (await conn.query(`BEGIN; ${literal(lockAccountForAdmissionSql(accountId, now))}${budgetsStatement}`)) as unknown as pg.QueryResult[];
  const lock = toAdmissionLock(locked.rows as AdmissionLockRow[], accountId);
  const budgets = (budgetRows?.rows ?? []) as BudgetRow[];
  remember(accountId, termsOf(locked.rows[0] as AdmissionLockRow), budgets);
  // Judging spends the budgets it is given: each verdict gets its own.
  const judge = (active: number) => judgeAdmissions(batch, { ...lock, counts: { ...lock.counts, active } }, toBudgets(budgets, now));
  let verdict = judge(lock.counts.active);
  if (verdict.queueFull) verdict = judge(((await conn.query(literal(recountActiveSql(accountId)))).rows[0] as { active: number }).active);
  if (verdict.alerts.length > 0) {
    await conn.query("ROLLBACK");
    state.open = false;
    return undefined;
  }
  if (verdict.accepted.length === 0) {
    await conn.query("COMMIT");
    state.open = false;
    return batch.map((w) => verdict.refusals.get(w)!);
  }
  const insert = insertAdmittedSql(
    accountId,
    verdict.rows,
    verdict.accepted.map((w) => w.reserve),
  );
  const [inserted] = (await conn.query({ text: `${literal(insert.sql)}; COMMIT`, types: ROW_TYPES })) as unknown as pg.QueryResult<Generation>[];
  state.open = false;
  countCreated(insert.created);
  const byId = new Map(admittedRows(inserted.rows, verdict.rows, insert.total, accountId).map((r) => [r.id, r]));
  return batch.map((w) => verdict.refusals.get(w) ?? byId.get(w.row.id)!);
}

/**
 * The batch in one statement, which is its own transaction, when this instance knows the account's terms and none
 * of the batch's keys is known to have a spend cap. Undefined, having written nothing, when the statement's guard
 * did not hold: a refusal, an alert, or terms or caps changed since; admitOn judges it then.
 */
async function admitAtOnce<A extends Admission>(conn: pg.PoolClient, batch: A[]): Promise<Generation[] | undefined> {
  const accountId = batch[0].row.accountId;
  const known = knownTerms.get(accountId);
  if (!known || cappedKeys(batch).some((id) => known.capped.has(id))) return undefined;
  const rows = withRetention(batch, known.terms.plan, known.terms.retentionSeconds);
  const insert = insertAdmittedSql(
    accountId,
    rows,
    batch.map((w) => w.reserve),
    (total, at) => termsHoldSql(known.terms, batch, total, at),
  );
  const inserted = (await conn.query<Generation>({ text: literal(insert.sql), types: ROW_TYPES })).rows;
  if (inserted.length === 0) return undefined;
  countCreated(insert.created);
  return admittedRows(inserted, rows, insert.total, accountId);
}

const log = logger("db");
const MAX_KNOWN = 10_000;
/** Per account: its terms as its last judged admission here read them, and its keys found to have spend caps. */
const knownTerms = new Map<string, { terms: AccountTerms; capped: Set<string> }>();

function remember(accountId: string, terms: AccountTerms, budgets: BudgetRow[]): void {
  if (knownTerms.size >= MAX_KNOWN && !knownTerms.has(accountId)) knownTerms.clear();
  knownTerms.set(accountId, { terms, capped: new Set(budgets.map((b) => b.id)) });
}

/** A statement's text with its values written in as literals (the simple-query protocol takes no parameters). */
export function literal(sql: Prisma.Sql): string {
  let text = sql.strings[0];
  for (let i = 0; i < sql.values.length; i++) text += valueLiteral(sql.values[i]) + sql.strings[i + 1];
  return text;
}

function valueLiteral(value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return escapeLiteral(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // A timestamp column holds UTC (Prisma's convention): the literal's zone is ignored when it meets one.
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  throw new Error(`No SQL literal for ${typeof value} in an admission statement`);
}

/**
 * `pg.escapeLiteral`'s output exactly ('…' with quotes doubled; E'…' with backslashes doubled when there are any),
 * by the engine's replaceAll instead of its loop that appends one character at a time: an admission's statement
 * carries its rows, ledger entries and events as JSON of a few kB, which that loop took ~40 µs a 5 kB string to
 * escape (1.7 µs here).
 */
export function escapeLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''").replaceAll("\\", "\\\\")}'`;
  return text.includes("\\") ? ` E${quoted}` : quoted;
}

/**
 * The inserted rows as Prisma's $queryRaw gives them: a timestamp column (no zone) is UTC, a decimal is a Decimal.
 * `pg` would read the first in the process's local zone and leave the second a string.
 */
const TIMESTAMP = 1114;
const NUMERIC = 1700;
const ROW_TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === NUMERIC) return (text: string) => new Prisma.Decimal(text);
    return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
  }) as pg.CustomTypesConfig["getTypeParser"],
};
