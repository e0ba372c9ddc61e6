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

export const templateLabel: Record<string, string> = {
  'case.added': 'Added to a case',
  'case.message': 'New message in a case thread',
  'case.file': 'New file in a case thread',
  'report.received': 'Report received',
  'key.expiring': 'OpenPGP key expiring',
}

export const templateWords = (template: string) => templateLabel[template] ?? template

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
