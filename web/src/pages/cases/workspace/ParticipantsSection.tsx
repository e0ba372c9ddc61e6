// The case's participants a page at a time (a case may have a thousand vendors), with the table's
// moves for staff; a change reloads the page shown.
import { useState } from 'react'
import { api, query } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { CaseDetail, Page, Participant } from '../../../api/types'
import { LoadedList } from '../../../components/Status'
import { Pagination } from '../../admin/Pagination'
import { ParticipantsTable } from '../ParticipantsTable'

const PAGE_SIZE = 50

interface ParticipantsSectionProps {
  detail: CaseDetail
  revision: number
  onChanged(): Promise<void>
}

export function ParticipantsSection({ detail, revision, onChanged }: ParticipantsSectionProps) {
  const [offset, setOffset] = useState(0)
  const page = useLoad(
    () =>
      api.get<Page<Participant>>(
        `/cases/${encodeURIComponent(detail.id)}/participants${query({ limit: PAGE_SIZE, offset })}`,
      ),
    `${detail.id}|${offset}|${revision}`,
  )
  // The table says what a change did once the rows show it: this page reloaded first (the case's
  // reload then moves `revision` on, which loads it again, harmlessly).
  const changed = async () => {
    await page.reload()
    await onChanged()
  }
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">Participants</h2>
      <LoadedList loaded={page} what="the participants">
        {(data) => (
          <>
            <ParticipantsTable
              caseId={detail.id}
              caseNumber={detail.caseNumber}
              participants={data.items}
              staff={detail.abilities.update}
              onChanged={changed}
            />
            {data.total > PAGE_SIZE && (
              <Pagination
                offset={offset}
                pageSize={PAGE_SIZE}
                total={data.total}
                noun="participants"
                onChange={setOffset}
              />
            )}
          </>
        )}
      </LoadedList>
    </section>
  )
}
