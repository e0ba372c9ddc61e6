// The finder's mail (a coordinator's reply, their report's progress in plain words, the
// publication) and the notifications mailed at once or as a daily digest. Apart from templates.ts,
// whose shared helpers it is given, as readinessTemplate.ts is.
import type { RenderContext, Rendered, Rendering, TemplateData } from './templates.js'

interface Helpers {
  render(subject: string, paragraphs: string[], link: { href: string; label: string } | null): Rendered
  tlpLine(tlp: string): string
  noticeSecrecy: string
}

const followUpHint =
  'Open your report with the private link from the receipt we sent you when you reported it (or from the page shown after sending it).'

export function renderNeedsTemplate(
  d: Extract<
    TemplateData,
    { template: 'report.reply' | 'report.status' | 'report.published' | 'needs.item' | 'needs.digest' }
  >,
  ctx: RenderContext,
  { render, tlpLine, noticeSecrecy }: Helpers,
): Rendering {
  const home = { href: `${ctx.publicUrl}/`, label: 'Sign in to Lockstep' }
  switch (d.template) {
    case 'report.reply':
      return {
        full: render(
          `[${d.trackingId}] The coordinator wrote to you`,
          [`The coordinator wrote about your report ${d.trackingId} (${tlpLine(d.tlp)})`, d.body, followUpHint],
          null,
        ),
        notice: render(
          `[${d.trackingId}] The coordinator wrote to you`,
          [
            `The coordinator wrote about your report ${d.trackingId}.`,
            'The message is not sent by e-mail without encryption.',
            followUpHint,
          ],
          null,
        ),
      }
    case 'report.status': {
      const full = render(
        `[${d.trackingId}] ${d.headline}`,
        [`News of your report ${d.trackingId}: ${d.headline}.`, d.sentence, followUpHint],
        null,
      )
      return { full, notice: full }
    }
    case 'report.published': {
      const full = render(
        `[${d.trackingId}] The advisory is published: ${d.advisoryId}`,
        [
          `The advisory about the vulnerability you reported (${d.trackingId}) is now public: ${d.advisoryId}, “${d.title}”.`,
          'Thank you for reporting it. You may now talk about it publicly.',
        ],
        { href: d.url, label: `Advisory ${d.advisoryId}` },
      )
      return { full, notice: full }
    }
    case 'needs.item': {
      const link = { href: `${ctx.publicUrl}${d.link}`, label: 'Open it' }
      return {
        full: render(d.title, [d.title], link),
        notice: render(
          d.caseNumber ? `[${d.caseNumber}] Something needs you` : 'Something needs you',
          [
            d.caseNumber ? `Something in case ${d.caseNumber} needs you.` : 'Something needs you on Lockstep.',
            noticeSecrecy,
          ],
          link,
        ),
      }
    }
    case 'needs.digest': {
      const count = d.items.length === 1 ? 'One thing' : `${d.items.length} things`
      return {
        full: render(
          `${count} waiting for you`,
          [
            `${count} you have not read yet:`,
            d.items.map((i) => `- ${i.title}\n  ${ctx.publicUrl}${i.link}`).join('\n'),
            'You get this once a day because you chose a daily digest on your account page.',
          ],
          home,
        ),
        notice: render(
          `${count} waiting for you`,
          [
            `${count} you have not read yet are waiting for you on Lockstep.`,
            noticeSecrecy,
            'You get this once a day because you chose a daily digest on your account page.',
          ],
          home,
        ),
      }
    }
  }
}
