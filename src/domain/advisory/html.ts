// The advisory's public page: plain server-written HTML (no script, one stylesheet), so that it
// exists only once it is published, loads anywhere, and passes the strict CSP. Everything the
// snapshot says, in the order a reader needs it, with links to every machine-readable form, in the
// instance's frame (publicFrame.ts) and in plain words: ranges as "from 8.0 before 8.12.8".
import { vexJustificationLabels, vexStatusLabels } from '../vex.js'
import { escapeXml } from './atom.js'
import { advisoryLinks, baseUrlOf, csafProviderMetadataPath, vulnerabilityId } from './links.js'
import { instanceKeyPath, publicFooter, publicHeader } from './publicFrame.js'
import { rangeInWords } from './rangeWords.js'
import type { AdvisorySnapshot } from './snapshot.js'
import { endedOf } from './ended.js'

const e = escapeXml

/** "3 March 2003, 17:00 UTC": the instant with its zone, the same for every reader. */
function when(iso: string): string {
  return `<time datetime="${e(iso)}">${e(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(iso)))} UTC</time>`
}

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) =>
      /^- /m.test(p)
        ? `<ul>${p
            .split('\n')
            .map((l) => `<li>${e(l.replace(/^- /, ''))}</li>`)
            .join('')}</ul>`
        : `<p>${e(p).replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n')

/** A withdrawn or superseded advisory says so first, before anything a reader might act on. */
function endedNotice(s: AdvisorySnapshot): string {
  const ended = endedOf(s)
  if (!ended) return ''
  const head =
    ended.kind === 'withdrawn'
      ? `Withdrawn on ${when(ended.at)}`
      : `Superseded by <a href="${e(ended.by!.url)}">${e(ended.by!.id)}</a> on ${when(ended.at)}`
  return `<p class="ended" role="alert"><strong>${head}</strong>${ended.reason.trim() ? `: ${e(ended.reason.trim())}` : ''}</p>`
}

export interface HtmlPageOptions {
  stylesheet?: string
  /** The fingerprint of the instance key that signs every file, when the instance has made it. */
  keyFingerprint?: string | null
}

/**
 * How to check each downloaded file, in plain words: the key that signs them (its fingerprint and
 * where to get it), then for every machine-readable form its `gpg --verify` and `sha256sum -c`.
 */
function verifySection(s: AdvisorySnapshot, fingerprint: string | null): string {
  const links = advisoryLinks(s)
  const base = baseUrlOf(s.publisher.namespace)
  const keyUrl = `${base}${instanceKeyPath}`
  const files: [what: string, url: string][] = [
    ['The CSAF document', links.csaf],
    ...s.vulnerabilities.flatMap((v): [string, string][] => [
      [`The OSV record of ${vulnerabilityId(s, v)}`, links.osv[v.key]!],
      ...(v.cve && links.cve[v.key] ? [[`The CVE record of ${v.cve}`, links.cve[v.key]!] as [string, string]] : []),
    ]),
    ['This page as JSON', links.json],
    ['The feed of all advisories', links.atomFeed],
  ]
  const commands = files
    .map(([what, url]) => {
      const file = url.split('/').pop()!
      return `<h3>${e(what)}</h3>
<pre><code>curl -O ${e(url)} -O ${e(url)}.asc -O ${e(url)}.sha256
gpg --verify ${e(file)}.asc ${e(file)}
sha256sum -c ${e(file)}.sha256</code></pre>`
    })
    .join('\n')
  const whose = fingerprint
    ? `Its fingerprint is <code class="fingerprint">${e(fingerprint.replace(/(.{4})(?!$)/g, '$1 '))}</code>: check that <code>gpg</code> names this one.`
    : `Its fingerprint is listed in the <a href="${e(`${base}${csafProviderMetadataPath}`)}">CSAF provider metadata</a>.`
  return `<section aria-labelledby="verify"><h2 id="verify">Verify</h2><p>Every file below has beside it a signature (the same address ending in <code>.asc</code>) made with <a href="${e(keyUrl)}">this site’s key</a>, and its checksums (ending in <code>.sha256</code> and <code>.sha512</code>). ${whose} A good signature shows that this site published the file and that nobody changed it since.</p>
<p>First get the key once:</p>
<pre><code>curl -o lockstep.asc ${e(keyUrl)}
gpg --import lockstep.asc</code></pre>
<p>Then, for each file you download:</p>
${commands}</section>`
}

export function toHtmlPage(s: AdvisorySnapshot, options: HtmlPageOptions = {}): string {
  const stylesheet = options.stylesheet ?? '/advisory.css'
  const links = advisoryLinks(s)
  const vulns = s.vulnerabilities
    .map((v) => {
      const statements = v.statements.length
        ? `<table><caption>Vendor statements</caption><thead><tr><th scope="col">Vendor</th><th scope="col">Status</th><th scope="col">Details</th></tr></thead><tbody>${v.statements
            .map(
              (st) =>
                `<tr><th scope="row">${e(st.vendor)}${st.via ? ` <span class="via">via ${e(st.via.name)}</span>` : ''}</th><td class="status-${e(st.status)}">${e(vexStatusLabels[st.status])}</td><td>${[
                  st.justification ? e(vexJustificationLabels[st.justification]) : '',
                  st.fixedVersions.length ? `Fixed in ${e(st.fixedVersions.join(', '))}.` : '',
                  st.remediation ? e(st.remediation) : '',
                ]
                  .filter(Boolean)
                  .join(' ')}</td></tr>`,
            )
            .join('')}</tbody></table>`
        : '<p>No vendor statement was published.</p>'
      const affected = v.affected.length
        ? `<ul>${v.affected.map((a) => `<li>${e(a.vendor)} ${e(a.product)}${a.purl ? ` (<code>${e(a.purl)}</code>)` : ''}${a.range ? `: ${e(rangeInWords(a.range))}` : ''}${a.fixedVersions.length ? `, fixed in ${e(a.fixedVersions.join(', '))}` : ''}</li>`).join('')}</ul>`
        : ''
      const facts = [
        v.cve ? `<dt>CVE</dt><dd><a href="${e(links.cve[v.key] ?? '')}">${e(v.cve)}</a></dd>` : '',
        v.cwe ? `<dt>Weakness</dt><dd>${e(v.cwe)}${v.cweName ? ` ${e(v.cweName)}` : ''}</dd>` : '',
        ...v.cvss.map(
          (c) =>
            `<dt>CVSS ${e(c.version)}</dt><dd>${c.baseScore.toFixed(1)} ${e(c.baseSeverity)} <code>${e(c.vector)}</code></dd>`,
        ),
        `<dt>Machine-readable</dt><dd><a href="${e(links.osv[v.key] ?? '')}">OSV record</a></dd>`,
      ].join('')
      return `<section aria-labelledby="v-${e(v.key)}"><h2 id="v-${e(v.key)}">${e(v.title)}</h2><dl>${facts}</dl>${paragraphs(v.description)}${affected ? `<h3>Affected</h3>${affected}` : ''}${statements}</section>`
    })
    .join('\n')
  const refs = s.references.length
    ? `<section aria-labelledby="refs"><h2 id="refs">References</h2><ul>${s.references.map((r) => `<li><a href="${e(r.url)}">${e(r.summary || r.url)}</a></li>`).join('')}</ul></section>`
    : ''
  const credits = s.credits.length
    ? `<section aria-labelledby="credits"><h2 id="credits">Credits</h2><ul>${s.credits.map((c) => `<li>${e(c.name)}${c.contribution ? `: ${e(c.contribution)}` : ''}</li>`).join('')}</ul></section>`
    : ''
  const revisions = `<section aria-labelledby="revisions"><h2 id="revisions">Revisions</h2><ol>${s.revisions.map((r) => `<li>${when(r.date)}: ${e(r.summary)}</li>`).join('')}</ol></section>`
  const verify = verifySection(s, options.keyFingerprint ?? null)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.id)}: ${e(s.title)}</title>
<link rel="stylesheet" href="${e(stylesheet)}">
<link rel="alternate" type="application/atom+xml" title="Advisories" href="${e(links.atomFeed)}">
<link rel="alternate" type="application/json" title="CSAF" href="${e(links.csaf)}">
</head>
<body>
${publicHeader(s.publisher.name)}
<main>
<p><a href="/advisories">All advisories</a></p>
<p class="advisory-id">${e(s.id)} · published by ${e(s.publisher.name)}</p>
<h1>${e(s.title)}</h1>
<p class="dates">Released ${when(s.initialReleaseDate)}${s.currentReleaseDate !== s.initialReleaseDate ? `, updated ${when(s.currentReleaseDate)}` : ''}</p>
${endedNotice(s)}
<nav aria-label="Machine-readable forms"><a href="${e(links.csaf)}">CSAF 2.0</a> · <a href="${e(links.json)}">JSON</a> · <a href="${e(links.atomFeed)}">Atom feed</a></nav>
<section aria-labelledby="overview"><h2 id="overview">Overview</h2>${paragraphs(s.overview)}</section>
${s.description.trim() ? `<section aria-labelledby="description"><h2 id="description">Description</h2>${paragraphs(s.description)}</section>` : ''}
${s.impact.trim() ? `<section aria-labelledby="impact"><h2 id="impact">Impact</h2>${paragraphs(s.impact)}</section>` : ''}
${s.solution.trim() ? `<section aria-labelledby="solution"><h2 id="solution">Solution</h2>${paragraphs(s.solution)}</section>` : ''}
${vulns}
${refs}
${credits}
${revisions}
${verify}
<p class="contact">Contact: ${e(s.publisher.contactDetails)}</p>
</main>
${publicFooter()}
</body>
</html>
`
}
