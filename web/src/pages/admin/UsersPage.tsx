// /admin/users: find users, change their instance role, disable them, hand out reset links,
// and create accounts directly (invitations are usually the better way).
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Page, User } from '../../api/types'
import { CopyField } from '../../components/CopyField'
import { FormAlert, SubmitButton, TextField, submitted } from '../../components/forms'
import { DataTable } from '../../components/DataTable'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { instanceRoleLabel } from '../labels'
import { AdminFrame } from './AdminFrame'
import { CreateUserForm } from './CreateUserForm'
import { Pagination } from './Pagination'
import { UserActions } from './UserActions'

const PAGE_SIZE = 20

export interface ResetLink {
  name: string
  url: string
  expiresAt: string
}

export function UsersPage() {
  const { session } = useSignedIn()
  const [search, setSearch] = useState('')
  const [applied, setApplied] = useState('')
  const [offset, setOffset] = useState(0)
  const [resetLink, setResetLink] = useState<ResetLink | null>(null)
  const rowAction = useAction()
  const users = useLoad(
    () => api.get<Page<User>>(`/users${query({ q: applied, limit: PAGE_SIZE, offset })}`),
    `${applied}|${offset}`,
  )

  function find() {
    setApplied(search.trim())
    setOffset(0)
  }

  return (
    <AdminFrame title="Users" allowed={session.instance.list_users}>
      <form role="search" className="search-form" onSubmit={submitted(find)} noValidate>
        <TextField
          label="Search users"
          hint="Part of a name or an e-mail address."
          type="search"
          value={search}
          onChange={setSearch}
        />
        <SubmitButton busy={false} className="secondary">
          Search
        </SubmitButton>
      </form>

      {resetLink && (
        <div className="secret-box" role="region" aria-labelledby="reset-heading">
          <h2 id="reset-heading">Reset link for {resetLink.name}</h2>
          <p className="warning">
            Hand this link to {resetLink.name} yourself, over a channel you trust. It works once, until{' '}
            <Time iso={resetLink.expiresAt} />.
          </p>
          <CopyField label="Password reset link" value={resetLink.url} />
          <button type="button" className="button secondary" onClick={() => setResetLink(null)}>
            Done
          </button>
        </div>
      )}
      <FormAlert error={rowAction.error} />

      <LoadedList
        loaded={users}
        what="users"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState title={applied ? `No user matches “${applied}”.` : 'No users yet.'}>
            <p>
              {applied ? 'Try part of the name or the e-mail address.' : 'Invite people from an organization’s page.'}
            </p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <DataTable label="Users" columns={['Name', 'E-mail', 'Instance role', 'State', 'Created', 'Actions']}>
              {page.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.name}</th>
                  <td>{user.email}</td>
                  <td>{instanceRoleLabel[user.instanceRole]}</td>
                  <td>
                    {user.disabled ? (
                      <span className="badge badge-off">Disabled</span>
                    ) : (
                      <span className="badge badge-ok">Active</span>
                    )}
                  </td>
                  <td>
                    <Time iso={user.createdAt} />
                  </td>
                  <td>
                    <UserActions user={user} action={rowAction} onChanged={users.reload} onResetLink={setResetLink} />
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pagination offset={offset} pageSize={PAGE_SIZE} total={page.total} noun="users" onChange={setOffset} />
          </>
        )}
      </LoadedList>

      {session.instance.create_user && <CreateUserForm onCreated={users.reload} />}
    </AdminFrame>
  )
}
