import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/**
 * What a new password must be: 10–200 characters and not guessable — zxcvbn-ts (offline: its common-password,
 * names and English word lists ship in the packages) must rate it at least "safely unguessable" (score 3 of 4,
 * about 10^8 guesses), counting the person's own email and name as known words. That refuses "aaaaaaaaaa",
 * "1234567890", "password123!" and keyboard walks, and accepts a few unrelated words.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  // Built on first use: loading the word lists takes a moment that only sign-up should pay.
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * Why `password` is refused, null when it is good: a machine-readable `reason` (the sign-up page words it in the
 * reader's language) and the API's English message.
 */
export function passwordProblem(password: string, knownWords: string[]): { reason: "too-short" | "too-long" | "guessable"; message: string } | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { reason: "too-short", message: `Use at least ${PASSWORD_MIN_LENGTH} characters` };
  if (password.length > PASSWORD_MAX_LENGTH) return { reason: "too-long", message: `Use at most ${PASSWORD_MAX_LENGTH} characters` };
  const result = zxcvbn().check(password, ["doitong", ...knownWords.filter(Boolean)]);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ? ` ${result.feedback.warning}` : "";
  return { reason: "guessable", message: `This password is too easy to guess.${why} Try a few unrelated words.` };
}
