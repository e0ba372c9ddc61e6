// The notifications' words, plain text and HTML, rendered at delivery from the data frozen in the
// outbox. Each has a full version (sent encrypted, or in plaintext when the content may travel so)
// and a notice that says only that something happened and where to sign in to see it.
import { renderReadinessNotice, type ReadinessNoticeData } from './readinessTemplate.js'
import { renderNeedsTemplate } from './needsTemplates.js'

export interface Rendered {
  subject: string
  text: string
  html: string
}

export interface Rendering {
  full: Rendered
  notice: Rendered
}

export interface RenderContext {
  publicUrl: string
  /** Where a reply goes, when the recipient may answer by mail. */
  replyAddress: string | null
}

export type TemplateData =
  | {
      template: 'case.message'
      caseNumber: string
      caseId: string
      threadTitle: string
      author: string
      tlp: string
      body: string
      at: string
    }
  | {
      template: 'case.file'
      caseNumber: string
      caseId: string
      threadTitle: string
      author: string
      tlp: string
      filename: string
      size: number
      sha256: string
      at: string
    }
  | {
      template: 'case.added'
      caseNumber: string
      caseId: string
      caseTitle: string
      roles: string[]
      addedBy: string
      tlp: string
    }
  | { template: 'report.received'; trackingId: string; followUpUrl: string; title: string; signature: string }
  /** To the finder: the coordinator wrote (the body travels only encrypted or as its TLP allows). */
  | { template: 'report.reply'; trackingId: string; body: string; tlp: string; at: string }
  /** To the finder: their report moved; `headline` and `sentence` in plain words (domain/finderStatus.ts). */
  | { template: 'report.status'; trackingId: string; headline: string; sentence: string }
  /** To the finder: the advisory about their report is public. */
  | { template: 'report.published'; trackingId: string; advisoryId: string; title: string; url: string }
  /** One in-app notification also mailed at once (kinds with no mail of their own). */
  | { template: 'needs.item'; title: string; link: string; caseNumber: string | null }
  /** The daily digest: what is still unread, one line each. */
  | { template: 'needs.digest'; items: { title: string; link: string }[] }
  | {
      template: 'vendor.notified'
      caseNumber: string
      caseId: string
      caseTitle: string
      tlp: string
      coordinator: string
      vulnerabilities: { title: string; cwe: string | null; cvss: string | null }[]
    }
  | {
      template: 'vendor.reminder'
      caseNumber: string
      caseId: string
      caseTitle: string
      tlp: string
      notifiedAt: string
      escalation: boolean
      vendorName: string
    }
  | { template: 'contact.verify'; organization: string; verifyUrl: string }
  | { template: 'key.expiring'; fingerprint: string; expiresAt: string; owner: string; where: string }
  /** Confirming a subscription to the announcements (double opt-in). */
  | { template: 'subscription.confirm'; confirmUrl: string }
  /** A published advisory, to the announcement list: public, so the same text for everyone. */
  | {
      template: 'advisory.published'
      advisoryId: string
      title: string
      overview: string
      url: string
      cves: string[]
      unsubscribeUrl: string
    }
  /**
   * Critical infrastructure, before a release (TLP:AMBER, never in plaintext): which of its
   * components an advisory not yet public affects, what to prepare, and when it goes public.
   */
  | {
      template: 'owner.prenotice'
      alertPath: string
      releaseAt: string
      items: OwnerAlertLine[]
      movedFrom?: string
      severity?: string | null
    }
  /** Owners: published advisories (ours or imported) that affect components of their inventory. */
  | {
      template: 'owner.alert'
      alertsPath: string
      advisories: { id: string; title: string; url: string | null; severity?: string | null; items: OwnerAlertLine[] }[]
    }
  /** An embargo event: `headline` for the subject ("Embargo proposed"), `sentence` says who did what; instants as ISO. */
  | {
      template: 'embargo.changed'
      caseNumber: string
      caseId: string
      caseTitle: string
      tlp: string
      headline: string
      sentence: string
      endsAt: string | null
      answerBy: string | null
    }

  /** The coordinators, before an embargo ends: what the release would leave out (mail/readinessTemplate.ts). */
  | ReadinessNoticeData

/** One affected component in an owner's alert. */
export interface OwnerAlertLine {
  asset: string
  component: string
  fixedVersions: string[]
}

/** Templates whose data carries a secret (a follow-up link): scrubbed from the outbox once sent. */
export const secretTemplates: ReadonlySet<string> = new Set([
  'report.received',
  'contact.verify',
  'subscription.confirm',
])

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function html(paragraphs: string[], link: { href: string; label: string } | null): string {
  const body = paragraphs.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('\n')
  const a = link ? `\n<p><a href="${escape(link.href)}">${escape(link.label)}</a></p>` : ''
  return `<!doctype html>\n<html><body style="font-family: sans-serif">\n${body}${a}\n</body></html>\n`
}

function render(subject: string, paragraphs: string[], link: { href: string; label: string } | null): Rendered {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : [])].join('\n\n') + '\n'
  return { subject, text, html: html(paragraphs, link) }
}

/** "Monday, 3 March 2003, 17:00 UTC": an instant in words, with its zone, the same for every reader. */
const utcWords = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso))} UTC`

const replyHint = (ctx: RenderContext) =>
  ctx.replyAddress ? ['Reply to this message to answer in the thread (quoted text is left out).'] : []
const tlpLine = (tlp: string) => `TLP:${tlp}. Share this only as TLP:${tlp} allows (https://www.first.org/tlp/).`

export function renderTemplate(d: TemplateData, ctx: RenderContext): Rendering {
  if (d.template === 'report.received') {
    const full = render(
      `[${d.trackingId}] Report received`,
      [
        `Thank you: your report “${d.title}” was received as ${d.trackingId}. A coordinator will look at it and answer you.`,
        d.signature,
        'Follow it, read the coordinator’s questions and add information or files through your private link. Keep the link to yourself: whoever has it can read the report.',
      ].filter(Boolean),
      { href: d.followUpUrl, label: 'Your report' },
    )
    return { full, notice: full }
  }
  if (
    d.template === 'report.reply' ||
    d.template === 'report.status' ||
    d.template === 'report.published' ||
    d.template === 'needs.item' ||
    d.template === 'needs.digest'
  )
    return renderNeedsTemplate(d, ctx, { render, tlpLine, noticeSecrecy })
  if (d.template === 'contact.verify') {
    const full = render(
      `Please confirm your address for ${d.organization}`,
      [
        `Your address was given as a security contact of ${d.organization} on this Lockstep instance, which coordinates the disclosure of vulnerabilities. Vulnerability reports about ${d.organization}'s products may be sent to it.`,
        'If that is right, confirm it with the link below. If not, ignore this message.',
      ],
      { href: d.verifyUrl, label: 'Confirm this address' },
    )
    return { full, notice: full }
  }
  if (d.template === 'key.expiring') {
    const full = render(
      `Your OpenPGP key expires on ${d.expiresAt.slice(0, 10)}`,
      [
        `The OpenPGP key ${d.fingerprint} of ${d.owner} expires on ${d.expiresAt.slice(0, 10)}.`,
        'After that, notifications about cases under embargo can no longer be encrypted to it: you would get only a notice to sign in. Extend the key and upload it again, or upload a new one.',
      ],
      { href: `${ctx.publicUrl}${d.where}`, label: 'Update the key' },
    )
    return { full, notice: full }
  }
  if (d.template === 'subscription.confirm') {
    const full = render(
      'Please confirm: security advisory announcements',
      [
        'Someone (you, we hope) asked for this address to receive the security advisories published on this Lockstep instance, at the moment each is released.',
        'If that is right, confirm with the link below. If not, ignore this message: nothing will be sent.',
      ],
      { href: d.confirmUrl, label: 'Confirm the subscription' },
    )
    return { full, notice: full }
  }
  if (d.template === 'advisory.published') {
    const full = render(
      `[${d.advisoryId}] ${d.title}`,
      [
        d.overview,
        ...(d.cves.length ? [`CVE: ${d.cves.join(', ')}`] : []),
        'TLP:CLEAR. This advisory is public.',
        `To stop these announcements: ${d.unsubscribeUrl}`,
      ],
      { href: d.url, label: `Advisory ${d.advisoryId}` },
    )
    return { full, notice: full }
  }
  if (d.template === 'owner.prenotice' || d.template === 'owner.alert') return renderOwnerTemplate(d, ctx)
  if (d.template === 'release.readiness') return renderReadinessNotice(d, ctx, render)
  const caseLink = { href: `${ctx.publicUrl}/cases/${d.caseNumber}`, label: `Case ${d.caseNumber}` }
  // `what` is a sentence about the case: "There is a new message in case LS-2026-0001."
  const notice = (what: string) =>
    render(
      `[${d.caseNumber}] ${what.replace(/\s+(?:in |to )?case$/, '')}`,
      [
        `${what} ${d.caseNumber}.`,
        'The details are not sent by e-mail without encryption. Sign in to read them, or add your OpenPGP key to your account to receive them encrypted.',
      ],
      caseLink,
    )
  switch (d.template) {
    case 'case.message':
      return {
        full: render(
          `[${d.caseNumber}] New message`,
          [`${d.author} wrote in “${d.threadTitle}” (${tlpLine(d.tlp)})`, d.body, ...replyHint(ctx)],
          caseLink,
        ),
        notice: notice('There is a new message in case'),
      }
    case 'case.file':
      return {
        full: render(
          `[${d.caseNumber}] New file`,
          [
            `${d.author} posted the file ${d.filename} (${d.size} bytes, SHA-256 ${d.sha256}) to “${d.threadTitle}” (${tlpLine(d.tlp)})`,
            'Sign in to download it.',
            ...replyHint(ctx),
          ],
          caseLink,
        ),
        notice: notice('A file was posted in case'),
      }
    case 'vendor.notified':
      return {
        full: render(
          `[${d.caseNumber}] A vulnerability in your product`,
          [
            `${d.coordinator} is coordinating the disclosure of a vulnerability that affects your products: case ${d.caseNumber}, “${d.caseTitle}”.`,
            d.vulnerabilities
              .map((v) => `- ${v.title}${v.cwe ? ` (${v.cwe})` : ''}${v.cvss ? `, ${v.cvss}` : ''}`)
              .join('\n'),
            `${tlpLine(d.tlp)} The case is under embargo: keep it confidential until it is published.`,
            'Please tell us whether you are affected (and your fix plans) in the case, or by replying to this message.',
            ...replyHint(ctx),
          ],
          caseLink,
        ),
        notice: notice('A vulnerability that may affect your products was reported in case'),
      }
    case 'vendor.reminder':
      return {
        full: render(
          `[${d.caseNumber}] ${d.escalation ? 'Still no answer' : 'Reminder'}: a vulnerability in your product`,
          [
            d.escalation
              ? `${d.vendorName} was told of case ${d.caseNumber}, “${d.caseTitle}”, on ${d.notifiedAt.slice(0, 10)} and has not answered. You are listed as another contact: please make sure it reaches the right people.`
              : `We told you of case ${d.caseNumber}, “${d.caseTitle}”, on ${d.notifiedAt.slice(0, 10)} and have not heard back. Please tell us whether you are affected.`,
            tlpLine(d.tlp),
            ...replyHint(ctx),
          ],
          caseLink,
        ),
        notice: notice(
          d.escalation ? 'Your organization has not yet answered case' : 'We are waiting for your answer in case',
        ),
      }
    case 'embargo.changed':
      return {
        full: render(
          `[${d.caseNumber}] ${d.headline}`,
          [
            `${d.sentence} (case ${d.caseNumber}, “${d.caseTitle}”).`,
            ...(d.endsAt
              ? [`End of the embargo: ${utcWords(d.endsAt)}. The case page shows it in your own time zone.`]
              : []),
            ...(d.answerBy
              ? [
                  `Please agree or decline by ${utcWords(d.answerBy)}: without an answer by then you are counted as declining.`,
                ]
              : []),
            tlpLine(d.tlp),
          ],
          caseLink,
        ),
        notice: notice(`${d.headline} in case`),
      }
    case 'case.added':
      return {
        full: render(
          `[${d.caseNumber}] You take part in a case`,
          [
            `${d.addedBy} added you to case ${d.caseNumber}, “${d.caseTitle}”, as ${d.roles.join(', ')}.`,
            tlpLine(d.tlp),
            'The case is under embargo: keep it confidential until it is published.',
            ...replyHint(ctx),
          ],
          caseLink,
        ),
        notice: notice('You were added to case'),
      }
  }
}

const ownerLines = (items: OwnerAlertLine[]) =>
  items
    .slice(0, 50)
    .map(
      (i) => `- ${i.asset}: ${i.component}${i.fixedVersions.length ? ` (fixed in ${i.fixedVersions.join(', ')})` : ''}`,
    )
    .join('\n') + (items.length > 50 ? `\n… and ${items.length - 50} more` : '')

const noticeSecrecy =
  'The details are not sent by e-mail without encryption. Sign in to read them, or add your OpenPGP key to your account to receive them encrypted.'

function renderOwnerTemplate(
  d: Extract<TemplateData, { template: 'owner.prenotice' | 'owner.alert' }>,
  ctx: RenderContext,
): Rendering {
  if (d.template === 'owner.prenotice') {
    const link = { href: `${ctx.publicUrl}${d.alertPath}`, label: 'The pre-notice' }
    return {
      full: render(
        d.movedFrom
          ? 'Advance notice: the publication date has moved'
          : 'Advance notice: a vulnerability affecting your systems will be published',
        [
          d.movedFrom
            ? `The vulnerability we told you of in advance will now be made public on ${utcWords(d.releaseAt)}, not on ${utcWords(d.movedFrom)}.`
            : `A vulnerability that affects components of your inventory will be made public on ${utcWords(d.releaseAt)}. You are told in advance because your organization is critical infrastructure.`,
          ...(d.severity ? [`Severity: ${d.severity}.`] : []),
          ownerLines(d.items),
          'Prepare now: plan the update to the fixed versions (or the mitigation) so that it can be applied as soon as the advisory is public. The full advisory reaches you at that instant.',
          `${tlpLine('AMBER')} Share it only with those in your organization who need it to prepare; the vulnerability is under embargo until then.`,
        ],
        link,
      ),
      notice: render(
        'Advance notice for your organization',
        [
          'Your organization has an advance notice of a vulnerability that affects components of its inventory.',
          noticeSecrecy,
        ],
        link,
      ),
    }
  }
  const link = { href: `${ctx.publicUrl}${d.alertsPath}`, label: 'Your alerts' }
  const titles = d.advisories
    .map((a) => `- ${a.id}: ${a.title}${a.severity ? `, ${a.severity}` : ''}${a.url ? ` (${a.url})` : ''}`)
    .join('\n')
  const subject =
    d.advisories.length === 1
      ? `[${d.advisories[0]!.id}] affects your systems`
      : `${d.advisories.length} advisories affect your systems`
  return {
    full: render(
      subject,
      [
        d.advisories.length === 1
          ? 'A published advisory affects components of your inventory:'
          : 'Published advisories affect components of your inventory:',
        ...d.advisories.map(
          (a) =>
            `${a.id}: ${a.title}${a.severity ? `\nSeverity: ${a.severity}` : ''}${a.url ? `\n${a.url}` : ''}\n${ownerLines(a.items)}`,
        ),
        'Mark each component patched, mitigated or not applicable on the alert page once you have dealt with it: the coordinators follow who is still exposed.',
      ],
      link,
    ),
    notice: render(
      subject,
      [
        `Published advisories affect components of your inventory:\n${titles}`,
        'Which of your systems are affected is not sent by e-mail without encryption. Sign in to see them, or add your OpenPGP key to your account.',
      ],
      link,
    ),
  }
}
