// /admin/organizations: every organization the caller may see, filtered by kind, and (for
// staff) creating one. Each links to its page with members and invitations.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Organization, OrganizationKind } from '../../api/types'
import { FormAlert, Notice, SelectField, SubmitButton, TextField, submitted } from '../../components/forms'
import { DataTable } from '../../components/DataTable'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { kindLabel, options } from '../labels'
import { AdminFrame } from './AdminFrame'

const kindFilter = [{ value: '', label: 'All kinds' }, ...options(kindLabel)]

export function OrganizationsPage() {
  const { session } = useSignedIn()
  const [kind, setKind] = useState('')
  const organizations = useLoad(() => api.get<Organization[]>(`/organizations${query({ kind })}`), kind)

  return (
    <AdminFrame title="Organizations" allowed>
      <div className="filters">
        <SelectField label="Filter by kind" value={kind} onChange={setKind} options={kindFilter} />
      </div>
      <LoadedList
        loaded={organizations}
        what="organizations"
        empty={
          <EmptyState
            title={
              kind ? `No ${kindLabel[kind as OrganizationKind].toLowerCase()} organizations.` : 'No organizations yet.'
            }
          >
            <p>
              {session.instance.create_organization
                ? 'Create the first one below.'
                : 'Organizations you join appear here.'}
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable label="Organizations" columns={['Name', 'Kind', 'Created']}>
            {list.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={`/organizations/${o.id}`}>{o.name}</Link>
                </th>
                <td>{kindLabel[o.kind]}</td>
                <td>
                  <Time iso={o.createdAt} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      {session.instance.create_organization && <CreateOrganizationForm onCreated={organizations.reload} />}
    </AdminFrame>
  )
}

function CreateOrganizationForm({ onCreated }: { onCreated(): Promise<void> }) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<OrganizationKind>('vendor')
  const [created, setCreated] = useState<Organization | null>(null)
  const action = useAction()

  async function create() {
    setCreated(null)
    const organization = await action.run(() => api.post<Organization>('/organizations', { name: name.trim(), kind }))
    if (!organization) return
    await onCreated()
    setCreated(organization)
    setName('')
  }

  return (
    <section className="panel" aria-labelledby="create-org-heading">
      <h2 id="create-org-heading">Create an organization</h2>
      <form onSubmit={submitted(create)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['name', 'kind', 'slug']} />
        {created && (
          <Notice>
            {created.name} is created. <Link to={`/organizations/${created.id}`}>Invite its members</Link>.
          </Notice>
        )}
        <TextField label="Name" value={name} onChange={setName} error={action.fieldError('name')} />
        <SelectField
          label="Kind"
          hint="Vendors make software, owners run it, finders report flaws."
          value={kind}
          onChange={(v) => setKind(v as OrganizationKind)}
          options={options(kindLabel)}
          error={action.fieldError('kind')}
        />
        <SubmitButton busy={action.busy} busyText="Creating…">
          Create organization
        </SubmitButton>
      </form>
    </section>
  )
}
