import { useState } from 'react';
import { type AnyVariables, type DocumentInput, useClient } from 'urql';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * "Load more" under a list: fetches the page after the list's `endCursor` with `query`, a query for that
 * list alone taking an `after` variable. The cache's relayPagination appends the page to the list every
 * view of it reads, so the list above grows, and its `pageInfo` moves on to the new last page. The page
 * is fetched once, not watched: when the list is reset (src/client.ts), no old page comes back.
 */
export function LoadMore<Data, Variables extends AnyVariables>(props: {
  query: DocumentInput<Data, Variables>;
  variables: Omit<Variables, 'after'>;
  pageInfo: PageInfo | undefined;
}) {
  const { query, variables, pageInfo } = props;
  const client = useClient();
  const [fetching, setFetching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const after = pageInfo.endCursor;

  async function loadMore() {
    setFetching(true);
    const page = await client
      .query(query, { ...variables, after } as unknown as Variables)
      .toPromise();
    setError(page.error?.message ?? null);
    setFetching(false);
  }

  return (
    <>
      <button type="button" className="more" disabled={fetching} onClick={() => void loadMore()}>
        {fetching ? 'Loading…' : 'Load more'}
      </button>
      {error && <p className="error">{error}</p>}
    </>
  );
}
