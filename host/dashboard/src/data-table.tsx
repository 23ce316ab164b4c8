import type { ComponentChildren } from 'preact';

export interface DataTableProps {
  /** The table's accessible name. */
  label: string;
  /** The column headers; a last column of actions, named for screen readers only, follows them. */
  columns: readonly string[];
  /** What the one row says when there are no rows. */
  empty: string;
  isEmpty: boolean;
  children: ComponentChildren;
}

/** The tables of the views: column headers, an actions column, and a row saying when it is empty. */
export function DataTable({ label, columns, empty, isEmpty, children }: DataTableProps) {
  return (
    <table aria-label={label} class="table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {isEmpty ? (
          <tr>
            <td colSpan={columns.length + 1} class="muted">
              {empty}
            </td>
          </tr>
        ) : null}
        {children}
      </tbody>
    </table>
  );
}
