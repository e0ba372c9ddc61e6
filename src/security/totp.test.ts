import { authenticator } from 'otplib'
import { describe, expect, it } from 'vitest'
import { checkTotp, currentTotp, newTotpSecret, totpUri } from './totp.js'

describe('TOTP', () => {
  it('accepts the current code once and returns its time step', () => {
    const secret = newTotpSecret()
    const step = checkTotp(secret, currentTotp(secret), null)
    expect(step).toBe(Math.floor(Date.now() / 30_000))
    expect(checkTotp(secret, currentTotp(secret), step)).toBeNull()
  })

  it('accepts a code typed with spaces and refuses junk', () => {
    const secret = newTotpSecret()
    const code = currentTotp(secret)
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null)).not.toBeNull()
    expect(checkTotp(secret, 'abcdef', null)).toBeNull()
    expect(checkTotp(secret, '12345', null)).toBeNull()
  })

  it('refuses a code from another secret', () => {
    expect(checkTotp(newTotpSecret(), authenticator.generate(newTotpSecret()), null)).toBeNull()
  })

  it('offers an otpauth URI for authenticator apps', () => {
    expect(totpUri('JBSWY3DPEHPK3PXP', 'casey@example.org')).toBe(
      'otpauth://totp/Lockstep:casey%40example.org?secret=JBSWY3DPEHPK3PXP&period=30&digits=6&algorithm=SHA1&issuer=Lockstep',
    )
  })
})
