// Personal API tokens for scripts: create one (its secret is shown exactly once) with what it may
// do (read only, or all you may) and when it ends, see when each was last used, revoke. Staff
// tokens must name their scope and end within 90 days (the server says so by field).
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { ApiToken, CreatedApiToken } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { CopyField } from '../../components/CopyField'
import { FormAlert, SelectField, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { DataTable } from '../../components/DataTable'
import { EmptyState, LoadedList } from '../../components/Status'
import { MaybeTime, Time } from '../../components/Time'

const scopeLabels: Record<ApiToken['scope'], string> = {
  read: 'Read only',
  read_write: 'Read and write',
}

function TokenState({ token }: { token: ApiToken }) {
  if (token.revokedAt)
    return (
      <span className="badge badge-off">
        Revoked <Time iso={token.revokedAt} />
      </span>
    )
  if (token.expiresAt && new Date(token.expiresAt) <= new Date())
    return <span className="badge badge-off">Expired</span>
  return <span className="badge badge-ok">Active</span>
}

export function ApiTokensSection() {
  const tokens = useLoad(() => api.get<ApiToken[]>('/tokens'), 'tokens')
  const [name, setName] = useState('')
  const [days, setDays] = useState('')
  const [scope, setScope] = useState<ApiToken['scope']>('read')
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const create = useAction()
  const revoke = useAction()

  async function createToken() {
    const expiresInDays = days.trim() === '' ? undefined : Number(days)
    if (expiresInDays !== undefined && !Number.isInteger(expiresInDays))
      return create.fail(localProblem('expiresInDays', 'must be a whole number of days'))
    const token = await create.run(() =>
      api.post<CreatedApiToken>('/tokens', {
        name: name.trim(),
        scope,
        ...(expiresInDays !== undefined ? { expiresInDays } : {}),
      }),
    )
    if (!token) return
    await tokens.reload()
    setCreated(token)
    setName('')
    setDays('')
    setScope('read')
  }

  async function revokeToken(token: ApiToken) {
    const ok = await revoke.run(() => api.delete<ApiToken>(`/tokens/${token.id}`))
    if (ok) await tokens.reload()
  }

  return (
    <section id="api-tokens" className="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        Scripts use a token as <code>Authorization: Bearer &lt;token&gt;</code> to act as you through the API. Give each
        script its own, and revoke it when it is no longer needed.
      </p>
      {created && (
        <div className="secret-box" role="region" aria-labelledby="new-token-heading">
          <h3 id="new-token-heading">Your new token “{created.name}”</h3>
          <p className="warning">
            <strong>Copy it now.</strong> This is the only time Lockstep shows it; it keeps only a fingerprint. If you
            lose it, revoke it and create another.
          </p>
          <CopyField label="New API token" value={created.token} />
          <button type="button" className="button secondary" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}
      <FormAlert error={revoke.error} />
      <LoadedList
        loaded={tokens}
        what="API tokens"
        empty={
          <EmptyState title="No API tokens yet.">
            <p>Create one below when a script needs to reach Lockstep.</p>
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable
            labelledBy="tokens-heading"
            columns={['Name', 'Starts with', 'May', 'Created', 'Last used', 'Expires', 'State']}
            actions
          >
            {list.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>{scopeLabels[token.scope]}</td>
                <td>
                  <Time iso={token.createdAt} />
                </td>
                <td>
                  <MaybeTime iso={token.lastUsedAt} otherwise="Never" />
                </td>
                <td>
                  <MaybeTime iso={token.expiresAt} otherwise="Never" />
                </td>
                <td>
                  <TokenState token={token} />
                </td>
                <td>
                  {token.abilities.revoke && (
                    <ConfirmAction
                      label="Revoke"
                      accessibleLabel={`Revoke token ${token.name}`}
                      question={`Revoke “${token.name}”?`}
                      confirmLabel="Yes, revoke"
                      onConfirm={() => revokeToken(token)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <form onSubmit={submitted(createToken)} noValidate aria-busy={create.busy}>
        <h3>Create a token</h3>
        <FormAlert error={create.error} fields={['name', 'scope', 'expiresInDays']} />
        <TextField
          label="Token name"
          hint="What uses it, for example “SBOM upload from CI”."
          value={name}
          onChange={setName}
          error={create.fieldError('name')}
        />
        <SelectField
          label="It may"
          hint="A read-only token is refused any change (403): the safer choice for dashboards and reports."
          options={(['read', 'read_write'] as const).map((value) => ({ value, label: scopeLabels[value] }))}
          value={scope}
          onChange={(v) => setScope(v as ApiToken['scope'])}
          error={create.fieldError('scope')}
        />
        <TextField
          label="Expires after (days)"
          optional
          hint="Leave empty for a token that does not expire; staff tokens must expire within 90 days."
          type="number"
          min={1}
          max={3650}
          inputMode="numeric"
          className="short"
          value={days}
          onChange={setDays}
          error={create.fieldError('expiresInDays')}
        />
        <SubmitButton busy={create.busy} busyText="Creating…">
          Create token
        </SubmitButton>
      </form>
    </section>
  )
}
