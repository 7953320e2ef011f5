import type { ReactNode } from 'react';
import type { AnyVariables, DocumentInput } from 'urql';
import { LoadMore, type PageInfo } from './LoadMore.tsx';

export interface Page<Node> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: Node[];
}

export interface Column<Node> {
  header: string;
  cell: (node: Node) => ReactNode;
}

/**
 * One of a cluster's lists as a table, with its "Load more". `page` is undefined while the list has not
 * arrived (a deferred part of the answer).
 */
export function ListTable<Node extends { id: string }, Variables extends AnyVariables>(props: {
  title: string;
  page: Page<Node> | undefined;
  columns: Column<Node>[];
  more: { query: DocumentInput<unknown, Variables>; variables: Omit<Variables, 'after'> };
}) {
  const { title, page, columns } = props;
  return (
    <>
      <h3>
        {title} {page && <small>({page.totalCount})</small>}
      </h3>
      {page ? (
        <>
          <table aria-label={title}>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header}>{column.header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((node) => (
                <tr key={node.id}>
                  {columns.map((column) => (
                    <td key={column.header}>{column.cell(node)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore {...props.more} pageInfo={page.pageInfo} />
        </>
      ) : (
        <p>Loading {title.toLowerCase()}…</p>
      )}
    </>
  );
}
