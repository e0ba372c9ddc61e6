// Everything the reporter sent, as they sent it: contact, affected products, the write-up, what
// is already public or exploited (links never followed with our referrer), plans and credit.
import type { ReactNode } from 'react'
import type { ReportDetail } from '../../api/types'
import { creditHow, creditWording } from '../labels'

/** A reference as a link when it is a web address, as text otherwise. */
function Reference({ value }: { value: string }) {
  return /^https?:\/\//i.test(value) ? (
    <a href={value} rel="noopener noreferrer nofollow" target="_blank">
      {value}
    </a>
  ) : (
    <span>{value}</span>
  )
}

function References({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="muted">No references given.</span>
  return (
    <ul>
      {items.map((r) => (
        <li key={r}>
          <Reference value={r} />
        </li>
      ))}
    </ul>
  )
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** "By name: Ada Lovelace", or "By name: not given" — never a form's placeholder. */
function Credit({ credit, reporter }: { credit: ReportDetail['credit']; reporter: ReportDetail['reporter'] }) {
  const wording = creditWording(credit, reporter)
  if (credit.preference === 'anonymous' || credit.preference === 'none') return <>{creditHow[credit.preference]}</>
  return (
    <>
      {creditHow[credit.preference]}: {wording ? `“${wording}”` : <span className="muted">not given</span>}
    </>
  )
}

export function ReportContent({ report }: { report: ReportDetail }) {
  const { reporter, vendorContact } = report
  return (
    <section aria-labelledby="sent-heading">
      <h2 id="sent-heading">What the reporter sent</h2>
      <dl className="report-facts panel">
        <Fact term="Reporter">
          {reporter ? (
            <>
              {[reporter.name, reporter.organization].filter(Boolean).join(', ') || (
                <span className="muted">No name given</span>
              )}
              {reporter.email && (
                <>
                  {' · '}
                  <a href={`mailto:${reporter.email}`}>{reporter.email}</a>
                </>
              )}
              {reporter.pgpKey && <p className="muted">Sent an OpenPGP key.</p>}
            </>
          ) : (
            <span className="muted">Anonymous</span>
          )}
        </Fact>
        <Fact term="Affected">
          <ul>
            {report.affected.map((a, i) => (
              <li key={i}>
                {a.vendor} {a.product}
                {a.versions && `, ${a.versions}`}
                {a.purl && (
                  <>
                    {' '}
                    <code>{a.purl}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </Fact>
        <Fact term="Description">
          <p className="prose-block">{report.description}</p>
        </Fact>
        {report.impact && (
          <Fact term="Impact">
            <p className="prose-block">{report.impact}</p>
          </Fact>
        )}
        {report.reproduction && (
          <Fact term="How to reproduce">
            <p className="prose-block">{report.reproduction}</p>
          </Fact>
        )}
        <Fact term="Already public">
          {report.publicAlready ? <References items={report.publicReferences} /> : 'No'}
        </Fact>
        <Fact term="Already exploited">
          {report.exploitedAlready ? <References items={report.exploitedReferences} /> : 'No'}
        </Fact>
        <Fact term="Vendor contacted">
          {vendorContact?.contacted
            ? [
                'Yes',
                vendorContact.how && `by ${vendorContact.how}`,
                vendorContact.when && `on ${vendorContact.when}`,
                vendorContact.answer && `; answer: ${vendorContact.answer}`,
              ]
                .filter(Boolean)
                .join(' ')
            : 'No'}
        </Fact>
        {report.disclosurePlans && (
          <Fact term="Disclosure plans">
            <p className="prose-block">{report.disclosurePlans}</p>
          </Fact>
        )}
        {report.disclosureDeadline && <Fact term="Their deadline">{report.disclosureDeadline}</Fact>}
        <Fact term="Credit">
          <Credit credit={report.credit} reporter={reporter} />
        </Fact>
      </dl>
    </section>
  )
}
