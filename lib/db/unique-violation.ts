/** Prisma's unique-constraint violation (P2002): the row another writer just made, or one that exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
