import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The field names selected below `path` of the current field (fragments expanded, directives
 * ignored, so a superset). Lets a list read skip columns nobody asked for.
 */
export function selectedFieldsBelow(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> | undefined, path: readonly string[]): Set<string> | null {
  if (!info?.fieldNodes) return null;
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) visitFields(set, info.fragments ?? {}, (field) => {
      if (field.name.value === name && field.selectionSet) next.push(field.selectionSet);
    });
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) visitFields(set, info.fragments ?? {}, (field) => names.add(field.name.value));
  return names;
}

type FieldNode = Extract<SelectionSetNode['selections'][number], { kind: 'Field' }>;

function visitFields(set: SelectionSetNode, fragments: GraphQLResolveInfo['fragments'], visit: (field: FieldNode) => void, seen = new Set<string>()): void {
  for (const selection of set.selections) {
    if (selection.kind === 'Field') visit(selection);
    else if (selection.kind === 'InlineFragment') visitFields(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) visitFields(fragment.selectionSet, fragments, visit, seen);
    }
  }
}
