// The ordered list of migrations. Append only: a migration that has shipped is never edited.
import * as accounts from './0001_accounts.js'

export interface Migration {
  version: number
  name: string
  up: string
}

export const migrations: readonly Migration[] = [{ version: 1, ...accounts }]

export const latestVersion = migrations.at(-1)?.version ?? 0
