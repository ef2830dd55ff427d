import { BREAK, type DocumentNode, type ExecutionResult, getOperationAST, Kind, OperationTypeNode, visit } from "graphql";
import type { Plugin } from "graphql-yoga";
import { currentPriceBook, type PriceBook } from "../prices/price-book";
import { providerSwitches, switchesNow } from "../providers/switches/switch-cache";
import type { SwitchTable } from "../providers/switches/switch-table";
import { can, OPERATION_CAPABILITY } from "../teams/permissions";
import type { GraphQLContext } from "./context";
import { envelopDocument, envelopOperationName, envelopVariables } from "./envelop-values";
import { FIELD_SCOPES } from "./key-scopes";
import { principalOf } from "./permissions";

/**
 * Answers to catalog queries (`providers` alone), kept per instance and served without executing them again.
 * The catalog is already computed once per instance (lib/providers/current-listings.ts), but executing a query over
 * it — every provider's options and their allowed values, field by field — was still most of the request (issue
 * 22: the `providers` p99 at 50 connections). An answer depends only on the document, its operation name and
 * variables, the caller's mode, and what the listings are made of: the price book and the switch table (replaced,
 * never changed, at every reload and at every announced change) and the moment a price scheduled ahead takes
 * effect. An answer is reused only while the book and the table are the very objects it was computed after, and
 * before that moment, so a price or switch change is visible on the next request. Not kept: answers with errors,
 * and documents that ask for `health` (live) or anything other than `providers` and `__typename` at the root.
 * Callers are still checked as the field's guards would check them (permissions.ts; `providers` needs no key scope).
 *
 * Register it after the plugins whose onExecute must run for every request (admission, limits, observability).
 */
interface Answer {
  result: ExecutionResult;
  book: PriceBook;
  switches: SwitchTable;
  until: number;
}

/** Answers kept per document (variables vary): beyond this, the document's are dropped and kept anew. */
const MAX_PER_DOCUMENT = 64;

export const useCatalogAnswers = (): Plugin<GraphQLContext> => {
  const answers = new WeakMap<DocumentNode, Map<string, Answer>>();
  const cacheable = new WeakMap<DocumentNode, boolean>();
  // A scope on the field would be checked by its guard (key-scopes.ts), which a kept answer skips: then keep none.
  const enabled = FIELD_SCOPES["Query.providers"] === null;
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (!enabled) return undefined;
      const document = envelopDocument(args.document);
      const operationName = envelopOperationName(args.operationName);
      let asked = cacheable.get(document);
      if (asked === undefined) cacheable.set(document, (asked = catalogOnly(document)));
      if (!asked) return undefined;
      const caller = await args.contextValue.caller().catch(() => undefined);
      if (!caller || !can(principalOf(caller), OPERATION_CAPABILITY["Query.providers"])) return undefined;
      // What the listings are made of, as of now: before execution, so an answer is never newer than its marks.
      await providerSwitches().ensureLoaded();
      const book = await currentPriceBook();
      const switches = switchesNow();
      const now = Date.now();
      const key = `${caller.mode ?? "LIVE"}\u0000${operationName ?? ""}\u0000${JSON.stringify(envelopVariables(args.variableValues) ?? {})}`;
      const kept = answers.get(document)?.get(key);
      if (kept && kept.book === book && kept.switches === switches && now < kept.until) return setResultAndStopExecution(kept.result);
      return {
        onExecuteDone({ result }) {
          if (!isPlainResult(result) || result.errors?.length) return;
          let byKey = answers.get(document);
          if (!byKey) answers.set(document, (byKey = new Map<string, Answer>()));
          if (byKey.size >= MAX_PER_DOCUMENT) byKey.clear();
          byKey.set(key, { result, book, switches, until: book.nextChangeAfter(now) });
        },
      };
    },
  };
};

function isPlainResult(result: unknown): result is ExecutionResult {
  return !!result && typeof result === "object" && !(Symbol.asyncIterator in result);
}

/**
 * A document of one query whose root fields are `providers` and `__typename` only, and that asks for no `health`
 * anywhere (an operation name that is not its own fails execution, and an answer with errors is not kept).
 */
function catalogOnly(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.length === 1 ? getOperationAST(document) : null;
  if (operation?.operation !== OperationTypeNode.QUERY) return false;
  const roots = operation.selectionSet.selections;
  if (!roots.every((s) => s.kind === Kind.FIELD && (s.name.value === "providers" || s.name.value === "__typename"))) return false;
  if (!roots.some((s) => s.kind === Kind.FIELD && s.name.value === "providers")) return false;
  let live = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== "health") return undefined;
      live = true;
      return BREAK;
    },
  });
  return !live;
}
