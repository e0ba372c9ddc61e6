// The release-readiness mail to a case's coordinators, a configurable time before its embargo
// ends: what is still open on the checklist (statements not approved, silent vendors, missing CVE
// IDs or scores, an unreviewed draft), what was left out on purpose, and where to decide. Like
// everything about a case before release, confidential: encrypted to a key, else a notice.
import type { RenderContext, Rendered, Rendering } from './templates.js'

export interface ReadinessNoticeData {
  template: 'release.readiness'
  caseNumber: string
  caseId: string
  caseTitle: string
  tlp: string
  endsAt: string
  /** One line per open item: what is missing, then what to do. */
  open: string[]
  leftOut: number
  owners: { organizations: number; assets: number }
}

type Render = (subject: string, paragraphs: string[], link: { href: string; label: string } | null) => Rendered

const utc = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso))} UTC`

export function renderReadinessNotice(d: ReadinessNoticeData, ctx: RenderContext, render: Render): Rendering {
  const link = { href: `${ctx.publicUrl}/cases/${d.caseNumber}/advisory`, label: 'The release checklist' }
  const count = d.open.length
  const headline = count
    ? `Before the release: ${count} item${count === 1 ? '' : 's'} to decide`
    : 'Before the release: nothing left to decide'
  const full = render(
    `[${d.caseNumber}] ${headline}`,
    [
      `The embargo of case ${d.caseNumber}, “${d.caseTitle}”, ends ${utc(d.endsAt)}, and the advisory is released then.`,
      count
        ? `Still open (at the release, whatever is neither approved nor left out is left out, and the ledger says so):\n${d.open.map((l) => `- ${l}`).join('\n')}`
        : 'Every statement is approved or left out, and nothing else is missing.',
      ...(d.leftOut ? [`Left out on purpose: ${d.leftOut}.`] : []),
      `Owners’ assets matched now: ${d.owners.assets} (of ${d.owners.organizations} owner${d.owners.organizations === 1 ? '' : 's'}).`,
      `TLP:${d.tlp}. Share this only as TLP:${d.tlp} allows (https://www.first.org/tlp/).`,
    ],
    link,
  )
  const notice = render(
    `[${d.caseNumber}] ${headline}`,
    [
      `The embargo of case ${d.caseNumber} ends ${utc(d.endsAt)}. ${count ? `${count} item${count === 1 ? ' is' : 's are'} still open on its release checklist.` : 'Its release checklist is complete.'}`,
      'The details are not sent by e-mail without encryption. Sign in to read them, or add your OpenPGP key to your account to receive them encrypted.',
    ],
    link,
  )
  return { full, notice }
}
