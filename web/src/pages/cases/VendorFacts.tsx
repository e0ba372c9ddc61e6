// A participant's part of the case status in words, for the participants table: whether it is
// aware, has a fix ready, has deployed it. A mark repeats each answer for the eye; the words carry it.
import { vendorFacts } from './caseLabels'

export function VendorFacts({ status }: { status: string }) {
  return (
    <ul className="vendor-facts">
      {vendorFacts(status).map(({ words, happened }) => (
        <li key={words} className={happened ? 'fact-yes' : 'fact-no'}>
          <span aria-hidden="true">{happened ? '✓ ' : '– '}</span>
          {words.charAt(0).toUpperCase() + words.slice(1)}: {happened ? 'yes' : 'not yet'}
        </li>
      ))}
    </ul>
  )
}
