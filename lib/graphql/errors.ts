import { GraphQLError } from "graphql";
import { AppError, ERROR_CODES } from "../errors";
import { newId } from "../ids";
import { logger } from "../log";
import { currentRequestId } from "../request-context";

const log = logger("graphql");

/** Presents a domain error as a GraphQL error with `extensions.code` from the one error table. */
export function toGraphQLError(error: AppError, path?: readonly (string | number)[]): GraphQLError {
  // The table says which codes refuse the whole request with their own HTTP status; the rest travel in a 200.
  const status: number = ERROR_CODES[error.code].status;
  return new GraphQLError(error.message, {
    path,
    extensions: { code: error.code, ...error.details, ...(status !== 200 ? { http: { status } } : {}) },
  });
}

/**
 * Yoga's maskError: domain errors are shown as themselves; GraphQL's own errors get a table code; anything else
 * becomes a generic INTERNAL error with a request id, and the real error goes to the log only.
 */
export function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) return toGraphQLError(original, error instanceof GraphQLError ? error.path : undefined);
  // GraphQL's own rejections (e.g. variable coercion) may wrap another GraphQLError; they are input errors.
  if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return withTableCode(error);
  const requestId = currentRequestId() ?? newId("req");
  log.error({ err: original, requestId }, "internal error in a GraphQL request");
  return new GraphQLError(`${ERROR_CODES.INTERNAL.description} (request ${requestId})`, {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: "INTERNAL", requestId },
  });
}

/**
 * GraphQL-level rejections (bad variables, unknown fields, syntax) are invalid input. For variable values the
 * offending path is named the way the client wrote it, e.g. `input.type`.
 */
export function withTableCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions.code === "string" && error.extensions.code in ERROR_CODES) return error;
  const field = variableField(error.message);
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { ...error.extensions, code: "INVALID_INPUT", ...(field ? { field } : {}) },
  });
}

/**
 * The field a variable-coercion message is about, relative to the variable:
 *   Variable "$input" got invalid value "X" at "input.type"; …            → type
 *   Variable "$input" got invalid value {…}; Field "type" of required …   → type
 *   Variable "$input" of required type "GenerateInput!" was not provided. → input
 */
export function variableField(message: string): string | undefined {
  const invalid = message.match(/^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; (?:Field "(\w+)")?/);
  if (invalid) {
    const path = invalid[2]?.split(".").slice(1) ?? [];
    if (invalid[3]) path.push(invalid[3]);
    return path.join(".") || invalid[1];
  }
  return message.match(/^Variable "\$(\w+)" of required type/)?.[1];
}
