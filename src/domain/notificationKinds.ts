// The kinds of things a person is told of in the app, and how each comes by mail unless the
// person chose otherwise: at once for what was mailed at once before notifications existed (so
// nobody stops getting mail they relied on), only in the app for the rest.
export const notificationKinds = ['message', 'case', 'embargo', 'statement', 'release', 'alert', 'report'] as const
export type NotificationKind = (typeof notificationKinds)[number]

export const mailDeliveries = ['app', 'now', 'digest'] as const
export type MailDelivery = (typeof mailDeliveries)[number]

export const defaultDelivery: Readonly<Record<NotificationKind, MailDelivery>> = {
  message: 'now',
  case: 'now',
  embargo: 'now',
  statement: 'app',
  release: 'app',
  alert: 'now',
  report: 'app',
}

/** How each kind is named on the preferences page and in the digest. */
export const notificationKindWords: Readonly<Record<NotificationKind, string>> = {
  message: 'New messages in your cases',
  case: 'Cases you are added to or told of',
  embargo: 'Embargo proposals and changes',
  statement: 'Vendor statements waiting for approval',
  release: 'Advisories published',
  alert: 'Alerts and advance notices about your systems',
  report: 'Reports: new ones, replies and changes',
}
