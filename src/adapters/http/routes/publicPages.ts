// The public side in plain HTML, for people without an account: the index of published
// advisories with search and the feeds, and the announcement list (subscribe, confirm, leave).
// Confirming and leaving take a button press (a POST), so that a mail scanner following the link
// does neither. Server-written, no script, the advisory stylesheet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { escapeXml as e } from '../../../domain/advisory/atom.js'
import type { AdvisorySnapshot } from '../../../domain/advisory/snapshot.js'
import { advisoryLinks } from '../../../domain/advisory/links.js'
import { publicFooter, publicHeader } from '../../../domain/advisory/publicFrame.js'
import { ValidationError } from '../../../domain/errors.js'
import { confirmSubscription, subscribe, unsubscribe } from '../../../commands/release/subscriptions.js'
import type { HttpContext } from '../context.js'
import { searchPublishedAdvisories } from '../../../store/published.js'
import { endedOf, endedSentence } from '../../../domain/advisory/ended.js'

function page(siteName: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><link rel="stylesheet" href="/advisory.css">
<link rel="alternate" type="application/atom+xml" title="Advisories" href="/advisories.atom"></head>
<body>${publicHeader(siteName)}<main>
<h1>${e(title)}</h1>
${body}
</main>
${publicFooter()}</body>
</html>
`
}

export function publicPages(ctx: HttpContext) {
  const siteName = ctx.config.release.publisherName ?? 'Lockstep'
  const send = (reply: FastifyReply, status: number, title: string, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(siteName, title, body))
  return async (app: FastifyInstance) => {
    // HTML forms post application/x-www-form-urlencoded: read them here only.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    const field = (request: FastifyRequest, name: string) =>
      String((request.body as Record<string, unknown> | undefined)?.[name] ?? '')

    app.get('/advisories', async (request, reply) => {
      const q = String((request.query as { q?: string }).q ?? '')
        .trim()
        .slice(0, 200)
      const rows = (await searchPublishedAdvisories(ctx.db, q, { limit: 100, offset: 0 })) as AdvisorySnapshot[]
      const items = rows.length
        ? `<ol class="advisory-list">${rows
            .map((s) => {
              const cves = s.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : []))
              const ended = endedOf(s)
              return `<li><a href="${e(advisoryLinks(s).page)}">${e(s.id)}: ${e(s.title)}</a> <span class="dates">${e(s.initialReleaseDate.slice(0, 10))}${cves.length ? ` · ${e(cves.join(', '))}` : ''}</span>${ended ? ` <strong class="ended">${e(endedSentence(ended))}</strong>` : ''}</li>`
            })
            .join('')}</ol>`
        : `<p>${q ? `No published advisory matches “${e(q)}”.` : 'Nothing is published yet.'}</p>`
      return send(
        reply,
        200,
        'Security advisories',
        `<form method="get" action="/advisories" role="search"><label for="q">Search (ID, CVE, product, words)</label> <input id="q" name="q" value="${e(q)}"> <button>Search</button></form>
${items}
<p>Feeds: <a href="/advisories.atom">Atom</a> · <a href="/.well-known/csaf/provider-metadata.json">CSAF provider metadata</a> · <a href="/api/v1/advisories">JSON</a></p>
<p>Found a vulnerability? <a href="/report">Report it to us</a>, or write to us encrypted to <a href="/.well-known/lockstep.asc">our OpenPGP key</a>.</p>
<h2>Announcements by e-mail</h2>
<form method="post" action="/subscriptions"><label for="email">Your e-mail address</label> <input id="email" name="email" type="email" autocomplete="email" required> <button>Subscribe</button></form>`,
      )
    })

    app.post('/subscriptions', { config: { rateLimit: { max: 10, timeWindow: '1 hour' } } }, async (request, reply) => {
      try {
        await subscribe(ctx.db, field(request, 'email'), ctx.config.publicUrl)
      } catch (error) {
        if (error instanceof ValidationError)
          return send(
            reply,
            422,
            'Not subscribed',
            `<p role="alert">The address ${e(field(request, 'email'))} is not an e-mail address.</p><p><a href="/advisories">Back</a></p>`,
          )
        throw error
      }
      return send(
        reply,
        202,
        'Check your mailbox',
        '<p>If the address is not on the list yet, a message with a link to confirm is on its way. Nothing is sent until you confirm.</p>',
      )
    })

    const confirmForm = (token: string) =>
      `<form method="post" action="/subscriptions/confirm"><input type="hidden" name="token" value="${e(token)}"><button>Confirm the subscription</button></form>`
    app.get('/subscriptions/confirm', async (request, reply) =>
      send(
        reply,
        200,
        'Confirm your subscription',
        confirmForm(String((request.query as { token?: string }).token ?? '')),
      ),
    )
    app.post('/subscriptions/confirm', async (request, reply) => {
      const email = await confirmSubscription(ctx.db, field(request, 'token'))
      return email
        ? send(reply, 200, 'Subscribed', `<p>${e(email)} will get every advisory when it is released.</p>`)
        : send(reply, 404, 'Link not valid', '<p>This link is not valid, or was used already.</p>')
    })

    app.get('/subscriptions/unsubscribe', async (request, reply) => {
      const { id = '', token = '' } = request.query as { id?: string; token?: string }
      return send(
        reply,
        200,
        'Leave the announcements',
        `<form method="post" action="/subscriptions/unsubscribe"><input type="hidden" name="id" value="${e(id)}"><input type="hidden" name="token" value="${e(token)}"><button>Stop sending me advisories</button></form>`,
      )
    })
    app.post('/subscriptions/unsubscribe', async (request, reply) => {
      const email = await unsubscribe(ctx.db, field(request, 'id'), field(request, 'token'))
      return email
        ? send(reply, 200, 'Unsubscribed', `<p>${e(email)} will get no more announcements.</p>`)
        : send(reply, 404, 'Link not valid', '<p>This link is not valid, or the address already left.</p>')
    })
  }
}
