// The instance's OpenPGP key and intake address, fetched once per page load: the footer shows the
// fingerprint on every page and the report form the whole note, and the key changes only when an
// administrator rotates it.
import { api } from './client'
import { useLoad, type Loaded } from './hooks'
import type { InstanceKey } from './types'

/** Where anyone can download the key, as people (and tools) look for it. */
export const INSTANCE_KEY_URL = '/.well-known/lockstep.asc'

let pending: Promise<InstanceKey> | null = null

function loadInstanceKey(): Promise<InstanceKey> {
  pending ??= api.get<InstanceKey>('/instance/pgp-key').catch((error: unknown) => {
    // A failure is not remembered: the next page to ask tries again.
    pending = null
    throw error
  })
  return pending
}

export function useInstanceKey(): Loaded<InstanceKey> {
  return useLoad(loadInstanceKey, 'instance-key')
}
