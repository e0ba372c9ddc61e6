import { describe, expect, it } from 'vitest'
import { stripQuotedReply } from './replyText.js'

describe('stripping quoted text from a reply', () => {
  it('drops the attribution line and everything after it', () => {
    expect(
      stripQuotedReply(
        'We are affected; patch on 3 March.\r\n\r\nOn Mon, 10 Feb 2003 at 12:00, Lockstep <lockstep@example.org> wrote:\r\n> There is a new message\r\n> in case LS-2003-0001.\r\n',
      ),
    ).toBe('We are affected; patch on 3 March.')
  })

  it('drops interleaved quotes but keeps the answers between them', () => {
    expect(stripQuotedReply('> Are you affected?\nYes, 8.12.7.\n> Fix date?\nMarch 3.')).toBe('Yes, 8.12.7.\nMarch 3.')
  })

  it('stops at a signature and at an Outlook header block', () => {
    expect(stripQuotedReply('Fixed in 8.12.8.\n-- \nRae Hat, Red Hat PSIRT')).toBe('Fixed in 8.12.8.')
    expect(
      stripQuotedReply(
        'Not affected.\n\nFrom: Lockstep <lockstep@example.org>\nSent: Monday, February 10, 2003\nSubject: [LS-2003-0001] New message',
      ),
    ).toBe('Not affected.')
    expect(stripQuotedReply('Thanks.\n-----Original Message-----\nFrom: x')).toBe('Thanks.')
  })

  it('handles a two-line Gmail attribution', () => {
    expect(
      stripQuotedReply('OK.\n\nOn Mon, Feb 10, 2003 at 12:00 PM Lockstep <lockstep@example.org>\nwrote:\n> hi'),
    ).toBe('OK.')
  })

  it('keeps everything when stripping would leave nothing', () => {
    expect(stripQuotedReply('> only a quote')).toBe('> only a quote')
  })
})
