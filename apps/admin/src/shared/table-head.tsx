import type { CSSProperties } from 'react';

/** The cell styles of the admin's plain tables: text to the left, figures to the right, both at the top. */
export const CELL = { padding: '.25rem .5rem', textAlign: 'left', verticalAlign: 'top' } as const satisfies CSSProperties;
export const NUMBER = { ...CELL, textAlign: 'right' } as const satisfies CSSProperties;

/** A plain table's header row: each column a name, with the figure style when it holds numbers. */
export function TableHead({ columns, numbers = [] }: { columns: readonly string[]; numbers?: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((name) => (
          <th key={name} style={numbers.includes(name) ? NUMBER : CELL}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
