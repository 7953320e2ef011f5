/**
 * Atlas's page-number pagination: pageNum (>=1, default 1), itemsPerPage (1..500, default 100),
 * includeCount (default true). Links are absolute and keep the request's query: `self` always,
 * `previous` from page 2 on, `next` unless this is the last page.
 */
import type { OperationContext, OperationResult } from './operation.ts';
import { booleanParam, integerParam } from './query.ts';

export const MAX_ITEMS_PER_PAGE = 500;
const DEFAULT_ITEMS_PER_PAGE = 100;

interface Link {
  href: string;
  rel: string;
}

export function paginate<T>(
  context: OperationContext,
  items: readonly T[],
  render: (item: T) => unknown,
): OperationResult {
  const pageNum = integerParam(context.query, 'pageNum', { min: 1 }) ?? 1;
  const itemsPerPage =
    integerParam(context.query, 'itemsPerPage', { min: 1, max: MAX_ITEMS_PER_PAGE }) ??
    DEFAULT_ITEMS_PER_PAGE;
  const includeCount = booleanParam(context.query, 'includeCount', true);

  const start = (pageNum - 1) * itemsPerPage;
  const results = items.slice(start, start + itemsPerPage).map(render);
  const links: Link[] = [];
  if (pageNum > 1) links.push(pageLink(context, pageNum - 1, itemsPerPage, 'previous'));
  links.push(pageLink(context, pageNum, itemsPerPage, 'self'));
  if (start + itemsPerPage < items.length)
    links.push(pageLink(context, pageNum + 1, itemsPerPage, 'next'));

  const body: { links: Link[]; results: unknown[]; totalCount?: number } = { links, results };
  if (includeCount) body.totalCount = items.length;
  return { kind: 'page', body };
}

function pageLink(
  context: OperationContext,
  pageNum: number,
  itemsPerPage: number,
  rel: string,
): Link {
  const query = new URLSearchParams(context.query);
  query.set('pageNum', String(pageNum));
  query.set('itemsPerPage', String(itemsPerPage));
  return { href: `${context.origin}${context.path}?${query.toString()}`, rel };
}
