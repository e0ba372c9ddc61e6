// On a shared case's ledger tab: how this case's ledger and each sharing instance's compare. Every
// message between the two carries each side's signed head and the head it holds of the other's;
// the server checks them as they arrive (commands/federation/peerLedgerHeads.ts), so a
// coordinator sees here whether the two still agree without comparing hashes by hand.
import { api } from '../../api/client'
import type { CaseLedgerHeads } from '../../api/federationTypes'
import { useLoad } from '../../api/hooks'
import { Time } from '../../components/Time'

type PeerHead = CaseLedgerHeads['peerHeads'][number]

export function PeerLedgers({ caseId }: { caseId: string }) {
  const loaded = useLoad(() => api.get<CaseLedgerHeads>(`/cases/${caseId}/ledger/heads`), `ledger-heads-${caseId}`)
  const peers = loaded.data?.peerHeads ?? []
  if (!peers.length) return null
  return (
    <section aria-labelledby="peer-ledgers-heading">
      <h2 id="peer-ledgers-heading">Ledgers of the instances sharing this case</h2>
      <ul className="link-list">
        {peers.map((p) => (
          <li key={p.peerUrl}>
            <PeerLedger head={p} />
          </li>
        ))}
      </ul>
    </section>
  )
}

function PeerLedger({ head }: { head: PeerHead }) {
  return (
    <>
      <strong>{head.peer}</strong>: their signed head for entry {head.sequence}, received <Time iso={head.receivedAt} />
      {head.verified ? ', signature checked' : ', signature does not check out'}.{' '}
      {head.confirmedSequence !== null && head.confirmedAt && (
        <>
          They hold this ledger&apos;s head for entry {head.confirmedSequence}, which it still matches (
          <Time iso={head.confirmedAt} />
          ).
        </>
      )}
      {head.disagreement && (
        <div className="alert alert-error" role="alert">
          Disagreement found {head.disagreementAt && <Time iso={head.disagreementAt} />}: {head.disagreement}
        </div>
      )}
    </>
  )
}
