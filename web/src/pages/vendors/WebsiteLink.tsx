// A vendor's website as a link, only when it is http(s): the API takes any URL, and a
// javascript: or data: one must never become something to click.
export function WebsiteLink({ url }: { url: string | null }) {
  if (!url) return <span className="muted">None</span>
  let web = false
  try {
    web = ['http:', 'https:'].includes(new URL(url).protocol)
  } catch {
    web = false
  }
  return web ? (
    <a href={url} rel="noopener noreferrer">
      {url}
    </a>
  ) : (
    <code>{url}</code>
  )
}
