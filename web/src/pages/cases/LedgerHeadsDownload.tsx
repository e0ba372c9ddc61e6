// The case's signed ledger heads, for everyone in the case to download and keep. Each head is the
// ledger's hash at one entry, signed with the instance's ledger key; a copy kept outside Lockstep
// lets anyone show later that the ledger was rewritten (`lockstep ledger verify --heads <file>`).
const LEDGER_KEY_URL = '/.well-known/lockstep-ledger-key.pem'

export function LedgerHeadsDownload({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  return (
    <section aria-labelledby="ledger-heads-heading">
      <h2 id="ledger-heads-heading">Signed ledger heads</h2>
      <p>
        Lockstep signs this case&apos;s ledger at every change. Keep a copy of its signed heads somewhere of your own:
        if the ledger were ever rewritten, your copy would show it.{' '}
        <a
          href={`/api/v1/cases/${encodeURIComponent(caseId)}/ledger/heads`}
          download={`${caseNumber}-ledger-heads.json`}
        >
          Download signed heads
        </a>{' '}
        (JSON; checked with the instance&apos;s <a href={LEDGER_KEY_URL}>ledger key</a>).
      </p>
    </section>
  )
}
