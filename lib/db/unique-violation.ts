/**
 * A unique-constraint violation: the row another writer just made, or one that exists already. Prisma reports it as
 * P2002 from the client's own writes, and as P2010 carrying the driver's kind from a raw statement; `pg` itself, for
 * a statement sent without Prisma (the admission's insert, lib/generations/admit-directly.ts), as SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } };
  const cause = meta?.driverAdapterError?.cause;
  return code === "P2002" || code === "23505" || (code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505"));
}
