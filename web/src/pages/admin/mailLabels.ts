// Words for the mail codes the admin pages show.
import type { InboundStatus, MailMode, OutboxStatus } from '../../api/types'

export const outboxStatusLabel: Record<OutboxStatus, string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  caught: 'Caught (kept here)',
  failed: 'Failed',
}

export const outboxStatusBadge: Record<OutboxStatus, string> = {
  pending: 'badge-neutral',
  sending: 'badge-neutral',
  sent: 'badge-ok',
  caught: 'badge-ok',
  failed: 'badge-off',
}

export const mailModeLabel: Record<MailMode, string> = {
  encrypted: 'Encrypted to their key',
  plain: 'Plain text',
  notice: 'Notice to sign in',
}

/**
 * What each mail Lockstep writes is, in words (src/mail/templates.ts names them by code). A test
 * (test/architecture/plainWords.test.ts) fails when a template has no words here.
 */
export const templateLabel: Record<string, string> = {
  'case.added': 'Notice of being added to a case',
  'case.message': 'Notice of a new message in a case thread',
  'case.file': 'Notice of a new file in a case thread',
  'report.received': 'Receipt for a report, with its private tracking link',
  'vendor.notified': 'Notice to a vendor of a case that concerns it',
  'vendor.reminder': 'Reminder to a vendor that has not answered yet',
  'contact.verify': 'Request to confirm a mail contact',
  'key.expiring': 'Warning that an OpenPGP key is about to expire',
  'subscription.confirm': 'Request to confirm a subscription to the announcements',
  'advisory.published': 'Announcement of a published advisory',
  'owner.prenotice': 'Pre-notice to an owner of an advisory still under embargo',
  'owner.alert': 'Alert to an owner about its affected components',
  'embargo.changed': 'News of the embargo: proposed, agreed, moved or ended',
  'release.readiness': 'The release checklist, to the coordinators before the embargo ends',
  'report.reply': 'A coordinator’s reply to the finder of a report',
  'report.status': 'News to the finder that their report moved on',
  'report.published': 'News to the finder that the advisory is published',
  'needs.item': 'A notification of something that needs the person',
  'needs.digest': 'The daily digest of unread notifications',
}

/** A template the page does not know yet still reads as words, not as its code. */
export const templateWords = (template: string) =>
  templateLabel[template] ?? `Mail about ${template.replace(/[._]/g, ' ')}`

export const inboundStatusLabel: Record<InboundStatus, string> = {
  received: 'Received (not processed yet)',
  processed: 'Processed',
  ignored: 'Ignored',
  failed: 'Failed',
}

export const inboundStatusBadge: Record<InboundStatus, string> = {
  received: 'badge-neutral',
  processed: 'badge-ok',
  ignored: 'badge-neutral',
  failed: 'badge-off',
}
