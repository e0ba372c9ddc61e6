// The case's tabs as a row of links: each is an address of its own (bookmarkable, opens in a new
// browser tab), the current one marked for screen readers with aria-current.
import { Link } from '../../../router'
import { casePath, caseTabLabel, type CaseTab } from './caseTabs'

export function CaseTabNav({ caseNumber, tabs, current }: { caseNumber: string; tabs: CaseTab[]; current: CaseTab }) {
  return (
    <nav aria-label="Case sections" className="tabs case-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab}>
            <Link to={casePath(caseNumber, tab)} aria-current={tab === current ? 'page' : undefined}>
              {caseTabLabel[tab]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
