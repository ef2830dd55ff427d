import type { Role } from "@/lib/generated/prisma/client";

/** Roles offered in the invite form and the role menu (ownership moves only by transfer). */
export const ASSIGNABLE: Role[] = ["ADMIN", "DEVELOPER", "BILLING", "VIEWER"];
