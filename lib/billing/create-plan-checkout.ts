/**
 * The GraphQL `changePlan` resolver (lib/graphql/billing.ts) still imports the verb under its first name, from when
 * every plan change was a Checkout. It is now the whole plan change — first Checkout, in-place price change or
 * cancellation — in change-plan.ts. Point that import at `changePlan` and delete this file.
 */
export { changePlan as createPlanCheckout } from "./change-plan";
