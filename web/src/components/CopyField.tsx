// A secret or link shown read-only with a Copy button: invitation and reset links, new API tokens.
import { useId, useState } from 'react'

export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId()
  const [copied, setCopied] = useState<string>('')

  async function copy() {
    try {
      await navigator.clipboard.writeText(value)
      setCopied('Copied to the clipboard.')
    } catch {
      // Without clipboard access (an insecure origin, a refused permission) select it for Ctrl+C.
      const input = document.getElementById(id)
      if (input instanceof HTMLInputElement) input.select()
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.')
    }
  }

  return (
    <div className="field copy-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="copy-row">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          aria-describedby={hint ? `${id}-hint` : undefined}
          spellCheck={false}
        />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="copy-status" role="status">
        {copied}
      </p>
    </div>
  )
}
