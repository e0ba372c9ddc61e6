// Files on a report or in a case thread: each with its name (to download it), size, who sent it,
// its TLP label and its SHA-256 (shortened; whole on hover and to copy, to check the download
// against). Signed-in people download through a plain link (the API answers "attachment"); the
// finder's follow-up page must send the link's secret in a header, so it fetches the file and
// saves it through an object URL instead.
import { useState } from 'react'
import { downloadBlob, type ApiError } from '../api/client'
import { asApiError } from '../api/hooks'
import type { Attachment } from '../api/types'
import { DataTable } from './DataTable'
import { EmptyState, LoadError } from './Status'
import { Time } from './Time'
import { TlpBadge } from './TlpBadge'

/** "12.3 MB" for people; binary multiples, as the server counts its limit (src/domain/filenames.ts). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}

/** Where downloads come from: the signed-in API, or the follow-up link with its secret. */
export type DownloadVia = { kind: 'session' } | { kind: 'followUp'; token: string }

interface AttachmentListProps {
  attachments: Attachment[]
  via: DownloadVia
  /** The table's name, read out by screen readers. */
  label: string
  empty: string
}

export function AttachmentList({ attachments, via, label, empty }: AttachmentListProps) {
  const [copied, setCopied] = useState('')
  const [failed, setFailed] = useState<ApiError | null>(null)

  async function copy(a: Attachment) {
    try {
      await navigator.clipboard.writeText(a.sha256)
      setCopied(`Copied the SHA-256 of ${a.filename}.`)
    } catch {
      setCopied(`Could not copy: the SHA-256 of ${a.filename} is ${a.sha256}.`)
    }
  }

  async function save(a: Attachment, token: string) {
    setFailed(null)
    try {
      const blob = await downloadBlob(`/reports/follow-up/attachments/${encodeURIComponent(a.id)}`, {
        'x-follow-up-token': token,
      })
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = a.filename
      document.body.append(link)
      link.click()
      link.remove()
      // The browser has taken the file once the click returns; free it a moment later.
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (error) {
      setFailed(asApiError(error))
    }
  }

  if (attachments.length === 0) {
    return (
      <EmptyState title="No files yet">
        <p>{empty}</p>
      </EmptyState>
    )
  }
  return (
    <>
      {failed && <LoadError error={failed} />}
      <DataTable label={label} columns={['File', 'Size', 'From', 'TLP', 'SHA-256', 'Added']}>
        {attachments.map((a) => (
          <tr key={a.id}>
            <th scope="row" className="file-name">
              {via.kind === 'session' ? (
                <a
                  href={`/api/v1/attachments/${encodeURIComponent(a.id)}`}
                  download={a.filename}
                  aria-label={`Download ${a.filename}`}
                >
                  {a.filename}
                </a>
              ) : (
                <button
                  type="button"
                  className="button link"
                  aria-label={`Download ${a.filename}`}
                  onClick={() => void save(a, via.token)}
                >
                  {a.filename}
                </button>
              )}
            </th>
            <td>{formatBytes(a.size)}</td>
            <td>{a.authorName}</td>
            <td>
              <TlpBadge tlp={a.tlp} />
            </td>
            <td className="file-hash">
              <code title={a.sha256}>{a.sha256.slice(0, 12)}…</code>{' '}
              <button
                type="button"
                className="button subtle"
                aria-label={`Copy the SHA-256 of ${a.filename}`}
                onClick={() => void copy(a)}
              >
                Copy
              </button>
            </td>
            <td>
              <Time iso={a.at} />
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="copy-status" role="status">
        {copied}
      </p>
    </>
  )
}
