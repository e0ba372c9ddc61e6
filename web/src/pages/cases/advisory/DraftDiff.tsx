// What changed between two versions of the draft, line by line, as the server compares them.
// Added and removed lines carry a + or − sign and say "Added"/"Removed" to screen readers, so the
// colour only repeats it; long runs of unchanged lines fold to a count around the changes.
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { DiffLine } from '../../../api/embargoTypes'
import { LoadedList } from '../../../components/Status'

/** Unchanged lines kept on each side of a change. */
const CONTEXT = 2

type Shown = DiffLine | { op: 'fold'; count: number }

function fold(lines: DiffLine[]): Shown[] {
  const near = lines.map((_, i) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== 'same'))
  const out: Shown[] = []
  lines.forEach((line, i) => {
    if (line.op !== 'same' || near[i]) return void out.push(line)
    const last = out.at(-1)
    if (last?.op === 'fold') last.count++
    else out.push({ op: 'fold', count: 1 })
  })
  return out
}

export function DraftDiff({ caseId, from, to }: { caseId: string; from: number; to: number }) {
  const diff = useLoad(
    () => api.get<DiffLine[]>(`/cases/${encodeURIComponent(caseId)}/advisory/diff?from=${from}&to=${to}`),
    `${caseId}|${from}|${to}`,
  )
  return (
    <LoadedList loaded={diff} what="the changes">
      {(lines) =>
        lines.every((l) => l.op === 'same') ? (
          <p className="muted">
            Version {to} says the same as version {from}.
          </p>
        ) : (
          <ol className="diff" aria-label={`Changes from version ${from} to version ${to}`}>
            {fold(lines).map((l, i) =>
              l.op === 'fold' ? (
                <li key={i} className="diff-fold muted">
                  … {l.count} unchanged line{l.count === 1 ? '' : 's'}
                </li>
              ) : l.op === 'same' ? (
                <li key={i}>
                  <span className="diff-sign" aria-hidden="true" />
                  {l.text}
                </li>
              ) : l.op === 'added' ? (
                <li key={i} className="diff-added">
                  <ins>
                    <span className="diff-sign" aria-hidden="true">
                      +
                    </span>
                    <span className="visually-hidden">Added: </span>
                    {l.text}
                  </ins>
                </li>
              ) : (
                <li key={i} className="diff-removed">
                  <del>
                    <span className="diff-sign" aria-hidden="true">
                      −
                    </span>
                    <span className="visually-hidden">Removed: </span>
                    {l.text}
                  </del>
                </li>
              ),
            )}
          </ol>
        )
      }
    </LoadedList>
  )
}
