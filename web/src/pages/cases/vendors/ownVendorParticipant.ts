// Which of a case's participants the viewer speaks for as a vendor: their own organization's (or
// their own person's) vendor participation, as the server decides when it takes a statement. The
// API does not mark it, so it is found by name among the viewer's organizations: in the first page
// the case came with, then in the case's vendors page by page (a case may have a thousand).
import { api, query } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import { useSignedIn } from '../../../api/session'
import type { CaseDetail, Page, Participant } from '../../../api/types'

const PAGE = 200

/** `revision` moves on with every change on the page, so a participant found later is reloaded too. */
export function useOwnVendorParticipant(detail: CaseDetail, revision: number): Participant | null {
  const { session, user } = useSignedIn()
  const staff = detail.abilities.update
  const names = new Set(session.memberships.map((m) => m.organization.name))
  const mine = (p: Participant) =>
    p.roles.includes('vendor') && (p.kind === 'organization' ? names.has(p.name) : p.name === user.name)
  const inFirstPage = staff ? null : (detail.participants.find(mine) ?? null)
  const more = !staff && !inFirstPage && detail.participantCount > detail.participants.length
  const found = useLoad(
    async () => {
      if (!more) return null
      for (let offset = 0; ; offset += PAGE) {
        const page = await api.get<Page<Participant>>(
          `/cases/${encodeURIComponent(detail.id)}/participants${query({ role: 'vendor', limit: PAGE, offset })}`,
        )
        const hit = page.items.find(mine)
        if (hit) return hit
        if (page.items.length < PAGE) return null
      }
    },
    `${detail.id}|${more}|${[...names].join('|')}|${revision}`,
  )
  return inFirstPage ?? found.data ?? null
}
