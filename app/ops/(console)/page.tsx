import { redirect } from "next/navigation";
import { requireOperator } from "@/lib/ops/operators";

// GET /ops → the customers section (for operators; a 404 for anyone else).
export default async function ConsoleHome(): Promise<never> {
  await requireOperator();
  redirect("/ops/customers");
}
