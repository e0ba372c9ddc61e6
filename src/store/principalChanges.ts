// Word that who a caller is may have changed: a session or API token ended or changed, a user
// changed (role, disabled, password, second factor...), a membership added, changed or removed.
// Servers keep resolved callers for a few seconds (commands/auth/principalCache.ts) and drop them
// on this word. It comes two ways:
// - from the database, to every server: triggers on users, memberships, sessions and api_tokens
//   (migration 0013) NOTIFY the channel with the user's id when their transaction commits, and each
//   server LISTENs on a connection of its own (PGlite delivers it in-process);
// - from this process at once, before the NOTIFY arrives: a Kysely plugin sees this server's own
//   writes to those tables, so the very next request here never sees the old caller.
// A listener that is not listening (connecting, or the connection lost) must not trust what it kept.
import {
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'
import pg from 'pg'

export const PRINCIPALS_CHANNEL = 'lockstep_principals'

export interface PrincipalListener {
  /** Something about this user changed (null: anybody may have). */
  changed(userId: string | null): void
  /** Whether word of changes is arriving now; on either switch, forget everything kept. */
  listening(on: boolean): void
}

export interface PrincipalChanges {
  subscribe(listener: PrincipalListener): () => void
}

/** Fans the word out to the subscribers, and tells late subscribers whether it is listening. */
export class PrincipalChangeHub implements PrincipalChanges {
  private readonly listeners = new Set<PrincipalListener>()
  private on = false

  subscribe(listener: PrincipalListener): () => void {
    this.listeners.add(listener)
    listener.listening(this.on)
    return () => this.listeners.delete(listener)
  }

  changed(userId: string | null): void {
    for (const l of this.listeners) l.changed(userId)
  }

  listening(on: boolean): void {
    this.on = on
    for (const l of this.listeners) l.listening(on)
  }
}

// Writes that may change a caller. Inserting a session, token or user changes no one resolved
// before; the touches of last_seen_at / last_used_at are compiled raw (store/sessions.ts,
// store/principals.ts) and so never pass through here.
const CHANGING = {
  InsertQueryNode: new Set(['memberships']),
  UpdateQueryNode: new Set(['users', 'memberships', 'sessions', 'api_tokens']),
  DeleteQueryNode: new Set(['users', 'memberships', 'sessions', 'api_tokens', 'organizations']),
} as Record<string, Set<string> | undefined>

function tablesOf(node: OperationNode | undefined): string[] {
  if (!node) return []
  switch (node.kind) {
    case 'TableNode':
      return [(node as unknown as { table: { identifier: { name: string } } }).table.identifier.name]
    case 'AliasNode':
      return tablesOf((node as unknown as { node: OperationNode }).node)
    case 'FromNode':
      return (node as unknown as { froms: OperationNode[] }).froms.flatMap(tablesOf)
    default:
      return []
  }
}

function changesPrincipals(node: RootOperationNode): boolean {
  const tables = CHANGING[node.kind]
  if (!tables) return false
  const n = node as unknown as { into?: OperationNode; table?: OperationNode; from?: OperationNode }
  return tablesOf(n.into ?? n.table ?? n.from).some((t) => tables.has(t))
}

/** Tells the hub of this process's own writes, when sent and again when done. */
export class LocalPrincipalWrites implements KyselyPlugin {
  private readonly pending = new WeakSet<QueryId>()
  constructor(private readonly hub: PrincipalChangeHub) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (changesPrincipals(args.node)) {
      this.pending.add(args.queryId)
      this.hub.changed(null)
    }
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.pending.delete(args.queryId)) this.hub.changed(null)
    return args.result
  }
}

/** What one channel's notifications go to. */
export type ChannelHandlers = Record<string, (payload: string) => void>

/**
 * LISTENs on a PostgreSQL connection of its own (one per server, for every channel given: the word
 * about callers and the live pages' events), reconnecting after a second when it is lost; until it
 * listens again the callers' subscribers are told not to trust what they kept.
 */
export function listenOnPostgres(
  hub: PrincipalChangeHub,
  connectionString: string,
  others: ChannelHandlers = {},
): { close(): Promise<void> } {
  const channels: ChannelHandlers = { ...others, [PRINCIPALS_CHANNEL]: (payload) => hub.changed(payload || null) }
  let closed = false
  let client: pg.Client | null = null
  let retry: NodeJS.Timeout | null = null

  const lost = (error?: Error) => {
    hub.listening(false)
    const c = client
    client = null
    c?.removeAllListeners()
    c?.on('error', () => undefined)
    void c?.end().catch(() => undefined)
    if (closed) return
    if (error) process.stderr.write(`lockstep: listening for changes to callers failed (${error.message}); retrying\n`)
    retry ??= setTimeout(() => {
      retry = null
      void connect()
    }, 1000)
  }

  const connect = async () => {
    const c = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 5000 })
    client = c
    c.on('notification', (msg) => channels[msg.channel]?.(msg.payload ?? ''))
    c.on('error', (error) => lost(error))
    c.on('end', () => client === c && lost())
    try {
      await c.connect()
      for (const channel of Object.keys(channels)) await c.query(`LISTEN ${channel}`)
      if (client === c && !closed) hub.listening(true)
    } catch (error) {
      if (client === c) lost(error as Error)
    }
  }

  void connect()
  return {
    async close() {
      closed = true
      if (retry) clearTimeout(retry)
      hub.listening(false)
      const c = client
      client = null
      c?.removeAllListeners()
      c?.on('error', () => undefined)
      await c?.end().catch(() => undefined)
    },
  }
}
