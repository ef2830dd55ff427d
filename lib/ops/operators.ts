// TEMPORARY STUB (OPS-INTERFACE.md): replaced by the console branch's version on merge (take theirs).
import { notFound } from "next/navigation";

export interface Operator {
  userId: string;
  email: string;
}

/** The signed-in operator, or Next's notFound() for everyone else. */
export function requireOperator(): Promise<Operator> {
  notFound();
}
