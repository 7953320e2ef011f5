import type { AtlasRequest } from './request.ts';

/** A paginated upstream list: everything needed to fetch any window of it and to key its cursors. */
export interface Collection {
  operation: string;
  groupId: string;
  /** Encoded path below the base URL. */
  path: string;
  accept: string;
  /** Filters sent after the paging parameters, in this order; part of the collection's identity. */
  filters: Record<string, string>;
  successor?: string;
  sunset?: string;
  /** The by-id request that would fetch this item alone, so a listed item primes that lookup. */
  itemRequest?: (item: Record<string, unknown>) => AtlasRequest | undefined;
}

export interface UpstreamPage<T> {
  results: T[];
  totalCount?: number;
  links?: { rel?: string; href?: string }[];
}
