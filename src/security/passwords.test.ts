import { describe, expect, it } from 'vitest'
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js'

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false)
  })

  it('an account without a password never verifies', async () => {
    expect(await verifyPassword(null, 'anything at all here')).toBe(false)
  })

  it('must be long, varied and not the e-mail address', () => {
    expect(() => checkPasswordStrength('short')).toThrow(/at least 12 characters/)
    expect(() => checkPasswordStrength('aaaaaaaaaaaaaaaa')).toThrow(/repetitive/)
    expect(() => checkPasswordStrength('casey-coordinator-2003', 'password', 'casey-coordinator@example.org')).toThrow(
      /e-mail/,
    )
    expect(() => checkPasswordStrength('sendmail-8.12.8')).not.toThrow()
  })
})
