// TOTP (RFC 6238) second factor: 30-second steps, a window of one step either side, and no code
// accepted twice (the last accepted step is stored).
import { authenticator } from 'otplib'

authenticator.options = { window: 1 }

export function newTotpSecret(): string {
  return authenticator.generateSecret(20)
}

export function totpUri(secret: string, email: string, issuer = 'Lockstep'): string {
  return authenticator.keyuri(email, issuer, secret)
}

/** Returns the accepted time step, or null when the code is wrong or was already used. */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(clean)) return null
  const delta = authenticator.checkDelta(clean, secret)
  if (delta === null) return null
  const step = Math.floor(now / 30_000) + delta
  if (lastStep !== null && step <= lastStep) return null
  return step
}

export function currentTotp(secret: string): string {
  return authenticator.generate(secret)
}
