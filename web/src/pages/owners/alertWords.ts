// Words for an alert's stage and its items' statuses, in one place so the list, the alert and the
// coordinator's adoption block say the same thing.
import type { AlertItemStatus, StatusCounts } from '../../api/ownerTypes'

export const alertStatuses: readonly AlertItemStatus[] = ['open', 'patched', 'mitigated', 'not_applicable']

export const statusLabel: Record<AlertItemStatus, string> = {
  open: 'Open',
  patched: 'Patched',
  mitigated: 'Mitigated',
  not_applicable: 'Not applicable',
}

export const statusHint: Record<AlertItemStatus, string> = {
  open: 'Still to be dealt with.',
  patched: 'Updated to a fixed version.',
  mitigated: 'Not updated, but protected another way (configuration, filtering).',
  not_applicable: 'The vulnerable part is not used here.',
}

/** "1 open, 2 patched": only the statuses that have items, open first. */
export function countsWords(counts: StatusCounts): string {
  const parts = alertStatuses.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${statusLabel[s].toLowerCase()}`)
  return parts.length ? parts.join(', ') : 'no components'
}

/** An affected component as the owner knows it: its purl already carries the version, a name does not. */
export function componentLabel(component: string, version: string | null): string {
  return version && !component.endsWith(`@${version}`) ? `${component} ${version}` : component
}
