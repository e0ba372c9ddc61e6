// Grouping a list by a key, in one pass and keeping each group in the list's order. Matching
// groups thousands of installs by owner, advisory or package: appending to each group's array
// (rather than copying it on every item) keeps that linear.
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}
