/** Shared by the server that builds the index and the browser that loads it: MiniSearch needs the same options. */
export interface SearchDoc {
  id: string;
  title: string;
  page: string;
  href: string;
  text: string;
}

export const SEARCH_OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["title", "page", "href"],
  searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.2 },
};
