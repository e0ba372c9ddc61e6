// The case workspace's tabs, each with its own address (/cases/:caseNumber/<tab>), and which of
// them a viewer has: the owners' uptake is the coordinators', the ledger for those who may read it.
import type { CaseDetail } from '../../../api/types'

export const caseTabs = ['summary', 'vendors', 'threads', 'embargo', 'advisory', 'owners', 'ledger'] as const
export type CaseTab = (typeof caseTabs)[number]

export const caseTabLabel: Record<CaseTab, string> = {
  summary: 'Summary',
  vendors: 'Vendors',
  threads: 'Threads',
  embargo: 'Embargo',
  advisory: 'Advisory',
  owners: 'Owners',
  ledger: 'Ledger',
}

export const isCaseTab = (tab: string | undefined): tab is CaseTab => caseTabs.includes(tab as CaseTab)

export function tabsFor(detail: CaseDetail): CaseTab[] {
  return caseTabs.filter((tab) => {
    if (tab === 'owners') return detail.abilities.update
    if (tab === 'ledger') return detail.abilities.read_ledger || detail.abilities.read_ledger_heads
    return true
  })
}

/** The address of a tab, with its query (`{ thread: key }` opens a thread). */
export function casePath(caseNumber: string, tab: CaseTab, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString()
  return `/cases/${encodeURIComponent(caseNumber)}/${tab}${search ? `?${search}` : ''}`
}
