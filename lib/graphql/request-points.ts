import { type DocumentNode, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from "graphql";

/** Root fields that start generations; each one in an operation counts as a request of its own. */
const GENERATING_FIELDS = new Set(["generate", "videoCreate"]);

/**
 * How many generations the executed operation can start: every `generate`/`videoCreate` at its root, however the
 * document is shaped — aliased, inside a named fragment (`...F`) or an inline one (`... on Mutation`), nested
 * fragments included. A root field can only sit at the root or in fragments spread there, so walking the root
 * selection set through its fragments finds them all. (A spread of a fragment already on the path is a cycle,
 * which validation refuses; it is not followed.)
 */
export function generatingFieldCount(document: DocumentNode, operationName?: string | null): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName) ?? operations[0];
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  let count = 0;
  // Iterative, with a budget: a fragment spread many times over is counted as often as it is spread, up to a
  // bound far beyond any real document (QUERY_TOO_COMPLEX refuses such documents before they run anyway).
  const stack: { set: SelectionSetNode; via: ReadonlySet<string> }[] = [{ set: operation.selectionSet, via: new Set() }];
  let visited = 0;
  while (stack.length && ++visited < 10_000) {
    const { set, via } = stack.pop()!;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (GENERATING_FIELDS.has(selection.name.value)) count += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push({ set: selection.selectionSet, via });
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !via.has(name)) stack.push({ set: fragment.selectionSet, via: new Set([...via, name]) });
      }
    }
  }
  return count;
}
