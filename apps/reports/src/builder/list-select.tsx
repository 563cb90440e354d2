const MANY = '\u0000many';

interface ListSelectProps<V extends string> {
  label: string;
  values: readonly V[];
  options: readonly { value: V; label: string }[];
  onChange(values: V[]): void;
}

/**
 * One select for a filter list: "All", or one value. A list of several (from a named report, a preset or a
 * link) shows as "n chosen" until another choice replaces it.
 */
export function ListSelect<V extends string>({ label, values, options, onChange }: ListSelectProps<V>) {
  const value = values.length === 0 ? '' : values.length === 1 ? values[0] : MANY;
  return (
    <label className="pams-field">
      {label}
      <select className="pams-select" value={value} onChange={(e) => e.target.value !== MANY && onChange(e.target.value ? [e.target.value as V] : [])}>
        <option value="">All</option>
        {values.length > 1 && (
          <option value={MANY} disabled>
            {values.length} chosen
          </option>
        )}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {values.length === 1 && !options.some((o) => o.value === values[0]) && <option value={values[0]}>(not in the list)</option>}
      </select>
    </label>
  );
}
