// What needs the signed-in person (their Home), their notifications and mail choices.
import type { ResponseOf } from './openapi'

export type HomeNeeds = ResponseOf<'/api/v1/home', 'get'>
export type Need = HomeNeeds['items'][number]
export type CaseNeeds = HomeNeeds['cases'][number]
export type NotificationPage = ResponseOf<'/api/v1/notifications', 'get'>
export type NotificationItem = NotificationPage['items'][number]
export type MailPreference = ResponseOf<'/api/v1/me/mail-preferences', 'get'>[number]
