// The frame of every server-written public page (the advisory pages, the index, the announcement
// list): the instance's header with the way back to the index, to the report form and to the
// instance's OpenPGP key, and a footer with the same and the feeds. Plain HTML, no script.
import { escapeXml as e } from './atom.js'
import { atomFeedPath, csafProviderMetadataPath } from './links.js'

/** Where the instance's OpenPGP key is published (served by the mail routes). */
export const instanceKeyPath = '/.well-known/lockstep.asc'

export function publicHeader(siteName: string): string {
  return `<header class="site-header"><a class="brand" href="/">${e(siteName)}</a>
<nav aria-label="Main"><ul><li><a href="/advisories">Security advisories</a></li><li><a href="/report">Report a vulnerability</a></li><li><a href="${instanceKeyPath}">Our OpenPGP key</a></li><li><a href="/sign-in">Sign in</a></li></ul></nav></header>`
}

export function publicFooter(): string {
  return `<footer class="site-footer"><p><a href="/advisories">All advisories</a> · <a href="/report">Report a vulnerability</a> · <a href="${instanceKeyPath}">This instance’s OpenPGP key</a> · Feeds: <a href="${atomFeedPath}">Atom</a>, <a href="${csafProviderMetadataPath}">CSAF</a></p>
<p>Lockstep · coordinated vulnerability disclosure</p></footer>`
}

/** The rules the frame needs, added to the public pages' one stylesheet. */
export const publicFrameStyles = `.site-header{background:#14213d;color:#fff;padding:.6rem 1.5rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
.site-header a{color:#fff}.site-header .brand{font-weight:700;font-size:1.2rem;text-decoration:none}
.site-header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.site-footer{max-width:48rem;margin:2rem auto 0;padding:1rem 1.5rem;border-top:1px solid #d0d7de;color:#57606a}`
