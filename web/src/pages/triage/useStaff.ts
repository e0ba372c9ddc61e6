// The instance staff (coordinators and admins), for assigning reports and naming assignees.
import { api } from '../../api/client'
import { useLoad, type Loaded } from '../../api/hooks'
import type { Page, User } from '../../api/types'

export function useStaff(allowed: boolean): Loaded<User[]> {
  return useLoad(async () => {
    if (!allowed) return []
    const page = await api.get<Page<User>>('/users?limit=200')
    return page.items.filter((u) => u.instanceRole !== 'none' && !u.disabled)
  }, String(allowed))
}

/** The assignee's name; "Unassigned" for none, and a plain fallback for someone not in the list. */
export function assigneeName(staff: readonly User[] | undefined, userId: string | null, me: string): string {
  if (!userId) return 'Unassigned'
  if (userId === me) return 'You'
  return staff?.find((u) => u.id === userId)?.name ?? 'A staff member'
}
