/** A cursor page from a lib/ verb → the GraphQL connection shape (nodes, edges, pageInfo). */
export function toConnection<N, E>(page: { nodes: N[]; edges: E[]; endCursor: string | null; hasNextPage: boolean }) {
  return { nodes: page.nodes, edges: page.edges, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
}
