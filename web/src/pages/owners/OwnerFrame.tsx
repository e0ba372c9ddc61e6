// The frame of an owner's pages (inventory, an asset, alerts, an alert): the organization loaded
// once, a way back to it, the page's title in the tab, and the loading and failed states, so each
// page only says what is its own.
import type { ReactNode } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Organization } from '../../api/types'
import { LoadError, Loading } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import '../../styles/owners.css'

interface OwnerFrameProps {
  organizationId: string
  /** The page's name, for the tab and the heading while the organization loads. */
  title: string
  /** Extra steps between the organization and this page, e.g. the inventory before an asset. */
  trail?: { to: string; label: string }[]
  children(organization: Organization): ReactNode
}

export function OwnerFrame({ organizationId, title, trail = [], children }: OwnerFrameProps) {
  const organization = useLoad(() => api.get<Organization>(`/organizations/${organizationId}`), organizationId)
  const org = organization.data
  usePageTitle(org ? `${title} · ${org.name}` : title)
  if (!org || organization.error) {
    return (
      <>
        <h1>{title}</h1>
        {organization.error ? <LoadError error={organization.error} /> : <Loading what="the organization" />}
      </>
    )
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/organizations/${org.id}`}>{org.name}</Link>
        {trail.map((step) => (
          <Link key={step.to} to={step.to}>
            {step.label}
          </Link>
        ))}
      </nav>
      {children(org)}
    </>
  )
}
