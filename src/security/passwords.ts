// Password hashing with argon2id (OWASP's recommended parameters: 19 MiB, 2 passes).
import { hash, verify } from '@node-rs/argon2'
import { ValidationError } from '../domain/errors.js'

const ARGON2ID = 2 // Algorithm.Argon2id; the enum is `const` and cannot be imported under isolatedModules
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

// Verified when the e-mail is unknown, so that a wrong address costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hash('lockstep-timing-equaliser', options)))
  const ok = await verify(target, password).catch(() => false)
  return ok && passwordHash !== null
}

export const PASSWORD_MIN_LENGTH = 12

/** Length is what makes a password strong; we ask for 12 characters and refuse the obvious. */
export function checkPasswordStrength(password: string, field = 'password', email?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError({ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  }
  if (password.length > 256) throw new ValidationError({ field, message: 'must be at most 256 characters long' })
  if (new Set(password).size < 5) throw new ValidationError({ field, message: 'is too repetitive' })
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    throw new ValidationError({ field, message: 'must not contain your e-mail address' })
  }
}
