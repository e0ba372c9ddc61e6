// The instance as a CSAF 2.0 trusted provider (§7.1, §7.2), crawled over HTTP the way an aggregator
// does: from /.well-known/security.txt to the provider metadata, its ROLIE feed (with the service
// and category documents) and its white/ folder (index.txt, changes.csv, listings); every document
// fetched without a redirect, its .sha256 and .sha512 compared, its .asc checked by `gpg --verify`
// against the key the metadata lists; each CSAF document through csaf-validator-lib (schema,
// mandatory and optional tests), each OSV record through its schema and each CVE record through
// the bundled CVE 5.2 schema. Before the release the draft CSAF goes to the case's parties with
// an API token, and to nobody else.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import * as optionalTests from '@secvisogram/csaf-validator-lib/optionalTests.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import { describeEachDatabase, tokenClient } from '../support/api.js'
import { cveRecordSchema as cveSchema } from '../support/cveRecordFormat.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { makeUser } from '../support/factories.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { releaseCase } from '../../src/commands/release/release.js'
import {
  validateCsaf,
  validateCveRecord,
  validateOsv,
  validateProviderMetadata,
} from '../../src/domain/advisory/validate.js'
import { csafFilename } from '../../src/domain/advisory/links.js'
import { validateCsaf21, validateCsaf21Recommended } from '../../src/domain/advisory/validate21.js'

const PUBLIC = 'https://lockstep.test'
const conformance = path.resolve(process.cwd(), '../shared/conformance')
const schema = (file: string) => JSON.parse(readFileSync(path.join(conformance, file), 'utf8')) as object
const providerSchema = schema('csaf/csaf_2.0/json_schema/provider_json_schema.json')
const osvSchema = schema('osv/validation/schema.json')

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** What an aggregator finds, and every requirement it saw broken (an empty list: a trusted provider). */
interface Crawl {
  metadata: Json
  csaf: Map<string, Json>
  /** The CSAF 2.1 documents, found through the 2.1 provider metadata security.txt also names. */
  csaf21: Map<string, Json>
  others: string[]
  problems: string[]
}

describeEachDatabase(
  'the instance as a CSAF trusted provider',
  (t) => {
    let origin = ''
    const gnupgHome = mkdtempSync(path.join(os.tmpdir(), 'lockstep-gpg-'))
    afterAll(() => rmSync(gnupgHome, { recursive: true, force: true }))

    /** The public URL's documents, fetched from the running server; never a redirect followed. */
    async function get(url: string, token?: string) {
      const res = await fetch(url.replace(PUBLIC, origin), {
        redirect: 'manual',
        headers: {
          'user-agent': 'csaf_aggregator/0.1 (a crawler)',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      })
      return { res, body: Buffer.from(await res.arrayBuffer()) }
    }

    function gpg(args: string[]) {
      return spawnSync('gpg', ['--homedir', gnupgHome, '--batch', '--no-tty', '--status-fd', '1', ...args], {
        encoding: 'utf8',
      })
    }

    /** Fetches one document with its hashes and signature; says what is wrong with any of them. */
    async function fetchSigned(
      url: string,
      problems: string[],
      fingerprint: string,
      token?: string,
    ): Promise<Buffer | null> {
      const { res, body } = await get(url, token)
      if (res.status !== 200) {
        problems.push(`${url} answered ${res.status}`)
        return null
      }
      // Public documents are readable from any site; a draft under embargo is not public.
      if (!token && res.headers.get('access-control-allow-origin') !== '*')
        problems.push(`${url} has no CORS header for all`)
      if (!token && res.headers.get('cross-origin-resource-policy') !== 'cross-origin')
        problems.push(`${url} is not cross-origin readable`)
      for (const algorithm of ['sha256', 'sha512'] as const) {
        const hash = await get(`${url}.${algorithm}`, token)
        const expected = createHash(algorithm).update(body).digest('hex')
        if (hash.res.status !== 200 || hash.body.toString().split(/\s+/)[0] !== expected)
          problems.push(`${url}.${algorithm} does not match the document`)
      }
      const signature = await get(`${url}.asc`, token)
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lockstep-doc-'))
      writeFileSync(path.join(dir, 'doc'), body)
      writeFileSync(path.join(dir, 'doc.asc'), signature.body)
      const verified = gpg(['--verify', path.join(dir, 'doc.asc'), path.join(dir, 'doc')])
      rmSync(dir, { recursive: true, force: true })
      if (verified.status !== 0 || !verified.stdout.includes(`VALIDSIG ${fingerprint}`))
        problems.push(`${url}.asc is not a good signature by ${fingerprint}: ${verified.stderr.trim()}`)
      return body
    }

    /** The key the metadata lists, fetched from its URL and imported into the test's keyring. */
    async function importKey(metadata: Json, problems: string[]) {
      const [key] = (metadata.public_openpgp_keys ?? []) as { fingerprint: string; url: string }[]
      if (!key) problems.push('the metadata lists no OpenPGP key')
      const keyFile = path.join(gnupgHome, 'instance.asc')
      writeFileSync(keyFile, (await get(key?.url ?? `${PUBLIC}/none`)).body)
      gpg(['--import', keyFile])
      const listed = gpg(['--with-colons', '--fingerprint']).stdout
      if (!key || !listed.includes(`fpr:::::::::${key.fingerprint}:`))
        problems.push('the key at its URL is not the one whose fingerprint the metadata lists')
      return key
    }

    async function crawl(): Promise<Crawl> {
      const problems: string[] = []
      // security.txt → the provider metadata (§7.1.8).
      const securityTxt = (await get(`${PUBLIC}/.well-known/security.txt`)).body.toString()
      const field = (name: string) =>
        securityTxt
          .split('\n')
          .filter((l) => l.startsWith(`${name}: `))
          .map((l) => l.slice(name.length + 2))
      const metadataUrls = field('CSAF')
      for (const name of ['Contact', 'Expires', 'Encryption', 'Canonical'])
        if (field(name).length === 0) problems.push(`security.txt has no ${name}`)
      if (!(new Date(field('Expires')[0] ?? 0).getTime() > Date.now())) problems.push('security.txt has expired')
      if (metadataUrls.length === 0)
        return { metadata: {}, csaf: new Map(), csaf21: new Map(), others: [], problems: ['security.txt has no CSAF'] }
      // CSAF 2.0 and 2.1 side by side (the 2.1 draft's transition plan): each metadata crawled alike.
      const found = { '2.0': new Map<string, Json>(), '2.1': new Map<string, Json>() }
      const metadataOf: Record<string, Json> = {}
      let key: { fingerprint: string; url: string } | undefined
      for (const metadataUrl of metadataUrls) {
        const metadataRes = await get(metadataUrl)
        if (metadataRes.res.status !== 200) problems.push(`the provider metadata answered ${metadataRes.res.status}`)
        const metadata = JSON.parse(metadataRes.body.toString()) as Json
        const version = metadata.metadata_version as '2.0' | '2.1'
        if (version !== '2.0' && version !== '2.1') problems.push(`${metadataUrl} has metadata_version ${version}`)
        metadataOf[version] = metadata
        // The 2.1 provider schema is not bundled by the validator: its fields are checked below.
        if (version === '2.0')
          problems.push(...validateProviderMetadata(metadata, providerSchema).map((p) => `provider metadata ${p}`))
        else if (metadata.$schema !== 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/provider.json')
          problems.push(`${metadataUrl} names no 2.1 provider schema`)
        if (metadata.canonical_url !== metadataUrl) problems.push('the metadata is not at its canonical URL')
        if (metadata.role !== 'csaf_trusted_provider') problems.push(`the role is ${metadata.role}`)

        // §7.1.20: the key, fetched and imported; its fingerprint as listed.
        key = await importKey(metadata, problems)
        if (field('Encryption')[0] !== key?.url) problems.push('security.txt names another key than the metadata')

        const distribution = (metadata.distributions ?? [])[0] as Json
        // ROLIE (§7.1.15–17): service and category documents, then the feed's entries.
        const fromRolie = new Set<string>()
        for (const url of [...(distribution.rolie?.services ?? []), ...(distribution.rolie?.categories ?? [])])
          if ((await get(url)).res.status !== 200) problems.push(`${url} is missing`)
        // §7.1.16: the service document names every feed the metadata lists.
        const service = JSON.parse((await get(distribution.rolie?.services?.[0] ?? `${PUBLIC}/none`)).body.toString())
        const collections = new Set(
          ((service.service?.workspace ?? []) as Json[]).flatMap((w) => (w.collection as Json[]).map((c) => c.href)),
        )
        for (const { url } of distribution.rolie?.feeds ?? [])
          if (!collections.has(url)) problems.push(`the ROLIE service document does not name the feed ${url}`)
        for (const { url, tlp_label: tlp } of distribution.rolie?.feeds ?? []) {
          // §7.1.5: the feeds of drafts under embargo refuse whoever does not say who they are.
          if (tlp === 'AMBER' || tlp === 'RED') {
            const refused = await get(url)
            if (refused.res.status !== 401)
              problems.push(`the TLP:${tlp} feed answered ${refused.res.status} to anyone`)
            continue
          }
          const feed = JSON.parse((await get(url)).body.toString()) as Json
          for (const entry of feed.feed.entry as Json[]) {
            const rel = (r: string) => (entry.link as Json[]).filter((l) => l.rel === r).map((l) => l.href as string)
            const [self] = rel('self')
            if (!self) problems.push(`the feed entry ${entry.id} has no link to its document`)
            else fromRolie.add(self)
            if (rel('signature')[0] !== `${self}.asc`) problems.push(`the feed entry ${entry.id} links no signature`)
            if (!rel('hash').includes(`${self}.sha512`)) problems.push(`the feed entry ${entry.id} links no hash`)
          }
        }
        // The folder (§7.1.11–14): its listing, index.txt, changes.csv, each year's listing.
        const folder = distribution.directory_url as string
        const listing = (await get(folder)).body.toString()
        for (const name of ['index.txt', 'changes.csv'])
          if (!listing.includes(`>${name}<`)) problems.push(`the folder listing does not show ${name}`)
        const index = (await get(`${folder}index.txt`)).body.toString().split('\n').filter(Boolean)
        const changes = (await get(`${folder}changes.csv`)).body
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(',').map((cell) => JSON.parse(cell) as string) as [string, string])
        const fromFolder = new Set(index.map((name) => `${folder}${name}`))
        if ([...changes].sort((a, b) => b[1].localeCompare(a[1])).join() !== changes.join())
          problems.push('changes.csv is not newest first')
        if (new Set(changes.map(([name]) => `${folder}${name}`)).size !== fromFolder.size)
          problems.push('changes.csv and index.txt list different documents')
        for (const url of new Set([...fromRolie, ...fromFolder])) {
          if (!fromRolie.has(url)) problems.push(`${url} is in index.txt but not in the ROLIE feed`)
          if (!fromFolder.has(url)) problems.push(`${url} is in the ROLIE feed but not in index.txt`)
        }
        for (const name of index) {
          const year = name.split('/')[0]!
          const yearListing = (await get(`${folder}${year}/`)).body.toString()
          for (const suffix of ['', '.sha256', '.sha512', '.asc'])
            if (!yearListing.includes(`>${name.slice(year.length + 1)}${suffix}<`))
              problems.push(`the ${year}/ listing does not show ${name}${suffix}`)
        }

        const csaf = found[version]
        for (const url of new Set([...fromRolie, ...fromFolder])) {
          const body = await fetchSigned(url, problems, key?.fingerprint ?? '')
          if (!body) continue
          const doc = JSON.parse(body.toString()) as Json
          csaf.set(url, doc)
          if (doc.document.csaf_version !== version) problems.push(`${url} is CSAF ${doc.document.csaf_version}`)
          const tracking = doc.document.tracking
          // §7.1.2 and §7.1.11: the file name from the ID, the folder from the initial release's year.
          if (!url.endsWith(`/${String(tracking.initial_release_date).slice(0, 4)}/${csafFilename(tracking.id)}`))
            problems.push(`${url} is not where §5.1 and §7.1.11 put ${tracking.id}`)
          const changed = changes.find(([name]) => `${folder}${name}` === url)
          if (changed?.[1] !== tracking.current_release_date)
            problems.push(`changes.csv dates ${url} ${changed?.[1]}, the document ${tracking.current_release_date}`)
          if (version === '2.1') {
            problems.push(...(await validateCsaf21Recommended(doc)).map((p) => `${url}: ${p}`))
            continue
          }
          const result = await validateStrict(
            [csaf_2_0_strict, ...Object.values(mandatoryTests), ...Object.values(optionalTests)],
            doc,
          )
          for (const test of result.tests)
            for (const error of test.errors)
              problems.push(`${url}: ${test.name} ${error.instancePath} ${error.message}`)
        }
      }
      const metadata = metadataOf['2.0'] ?? {}
      if (!metadataOf['2.1']) problems.push('security.txt names no CSAF 2.1 provider metadata')

      // The other forms, found as a reader finds them: the Atom feed, each advisory's public JSON.
      const others: string[] = []
      const atom = await fetchSigned(`${PUBLIC}/advisories.atom`, problems, key?.fingerprint ?? '')
      const pages = [...(atom?.toString() ?? '').matchAll(/rel="alternate" type="application\/json" href="([^"]+)"/g)]
      for (const [, jsonUrl] of pages) {
        const advisory = JSON.parse((await get(jsonUrl!)).body.toString()) as Json
        for (const vuln of advisory.vulnerabilities as Json[]) {
          const osv = await fetchSigned(vuln.links.osv, problems, key?.fingerprint ?? '')
          others.push(vuln.links.osv)
          if (osv) problems.push(...validateOsv(JSON.parse(osv.toString()), osvSchema).map((p) => `OSV ${p}`))
          if (!vuln.links.cve) continue
          others.push(vuln.links.cve)
          const cve = await fetchSigned(vuln.links.cve, problems, key?.fingerprint ?? '')
          if (cve) problems.push(...validateCveRecord(JSON.parse(cve.toString()), cveSchema).map((p) => `CVE ${p}`))
        }
      }
      return { metadata, csaf: found['2.0'], csaf21: found['2.1'], others, problems }
    }

    it('serves valid provider metadata with the instance key before the first release', async () => {
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
      const { res, body } = await get(`${PUBLIC}/.well-known/csaf/provider-metadata.json`)
      expect(res.status).toBe(200)
      const metadata = JSON.parse(body.toString()) as Json
      expect(validateProviderMetadata(metadata, providerSchema)).toEqual([])
      expect(metadata).toMatchObject({ role: 'csaf_trusted_provider', list_on_CSAF_aggregators: true })
      expect(metadata.public_openpgp_keys[0]).toMatchObject({
        fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/),
        url: `${PUBLIC}/.well-known/lockstep.asc`,
      })
      // The CSAF 2.1 metadata too, with its empty feed, from the first day.
      const v21 = JSON.parse(
        (await get(`${PUBLIC}/.well-known/csaf/v2.1/provider-metadata.json`)).body.toString(),
      ) as Json
      expect(v21).toMatchObject({ metadata_version: '2.1', role: 'csaf_trusted_provider' })
      const feed21 = await get(v21.distributions[0].rolie.feeds[0].url)
      expect(feed21.res.status).toBe(200)
      expect(JSON.parse(feed21.body.toString()).feed.entry).toEqual([])
    })

    it('gives the draft CSAF under embargo to a participant’s API token, at TLP:AMBER, and to no outsider', async () => {
      const w = await embargoedSendmailCase(t, new Date(Date.now() + 30 * 86_400_000))
      // The product's CPE name too, so the crawl below sees every identifier a record can carry.
      const vulnUrl = `/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`
      const [affected] = (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json().vulnerabilities[0].affected as Json[]
      const { vendor, product, purl, range } = affected!
      const withCpe = await w.staff.patch(vulnUrl, {
        affected: [{ vendor, product, purl, range, cpe: 'cpe:2.3:a:sendmail:sendmail' }],
      })
      expect(withCpe.statusCode).toBe(200)
      const participant = await tokenClient(t, w.member)
      const outsider = await tokenClient(t, await makeUser(t.db))
      const url = `/api/v1/cases/${w.c.id}/advisory/csaf`
      const draft = await participant.get(url)
      expect(draft.statusCode).toBe(200)
      const doc = draft.json()
      expect(doc.document.distribution.tlp.label).toBe('AMBER')
      expect(doc.document.tracking).toMatchObject({ status: 'draft', version: '0' })
      expect(doc.vulnerabilities[0].cwe).toEqual({
        id: 'CWE-120',
        name: "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
      })
      expect(await validateCsaf(doc)).toEqual([])
      // The same draft in CSAF 2.1, on request.
      const draft21 = await participant.get(`${url}?version=2.1`)
      expect(draft21.statusCode).toBe(200)
      expect(draft21.json().document).toMatchObject({ csaf_version: '2.1', distribution: { tlp: { label: 'AMBER' } } })
      expect(await validateCsaf21(draft21.json())).toEqual([])
      expect((await outsider.get(`${url}?version=2.1`)).statusCode).toBe(404)
      // An outsider learns nothing, not even that the case exists: as for the case itself.
      expect((await outsider.get(url)).statusCode).toBe(404)
      expect((await outsider.get(`/api/v1/cases/${w.c.id}`)).statusCode).toBe(404)
      // Nothing of it is public before the release.
      const index = (await get(`${PUBLIC}/.well-known/csaf/white/index.txt`)).body.toString()
      expect(index).toBe('')

      // The AMBER feed the provider metadata lists: the participant's tooling finds the draft in it,
      // with hashes and a signature by the listed key; the outsider's finds nothing, and is refused
      // the draft and its files alike; nobody without a token gets the feed.
      const problems: string[] = []
      const metadata = JSON.parse(
        (await get(`${PUBLIC}/.well-known/csaf/provider-metadata.json`)).body.toString(),
      ) as Json
      const key = await importKey(metadata, problems)
      const feeds = metadata.distributions[0].rolie.feeds as Json[]
      const amberUrl = feeds.find((f) => f.tlp_label === 'AMBER')!.url as string
      const redUrl = feeds.find((f) => f.tlp_label === 'RED')!.url as string
      const token = async (user: { id: string }) =>
        (await createApiToken(t.db, user.id, 'feed', { scope: 'read', expiresInDays: 1 })).token
      const participantToken = await token(w.member)
      const outsiderToken = await token(await makeUser(t.db))
      const amber = JSON.parse((await get(amberUrl, participantToken)).body.toString()) as Json
      expect(amber.feed.entry.map((e: Json) => e.id)).toEqual([doc.document.tracking.id])
      const entry = (amber.feed.entry as Json[])[0]!
      const self = (entry.link as Json[]).find((l) => l.rel === 'self')!.href as string
      expect(self).toBe(`${PUBLIC}${url}`)
      expect((entry.link as Json[]).filter((l) => l.rel !== 'self').map((l) => l.href)).toEqual([
        `${self}.sha256`,
        `${self}.sha512`,
        `${self}.asc`,
      ])
      const signed = await fetchSigned(self, problems, key!.fingerprint, participantToken)
      expect(problems).toEqual([])
      const fromFeed = JSON.parse(signed!.toString()) as Json
      expect(fromFeed.document.distribution.tlp.label).toBe('AMBER')
      expect(await validateCsaf(fromFeed)).toEqual([])
      // The case is not RED: its draft is not in the RED feed.
      expect(JSON.parse((await get(redUrl, participantToken)).body.toString()).feed.entry).toEqual([])
      // A RED case's draft moves to the RED feed, labelled RED.
      await t.db.updateTable('cases').set({ tlp: 'RED' }).where('id', '=', w.c.id).execute()
      const red = JSON.parse((await get(redUrl, participantToken)).body.toString()) as Json
      expect(red.feed.entry.map((e: Json) => e.id)).toEqual([doc.document.tracking.id])
      expect(JSON.parse((await get(self, participantToken)).body.toString()).document.distribution.tlp.label).toBe(
        'RED',
      )
      expect(JSON.parse((await get(amberUrl, participantToken)).body.toString()).feed.entry).toEqual([])
      await t.db.updateTable('cases').set({ tlp: w.c.tlp }).where('id', '=', w.c.id).execute()
      for (const feedUrl of [amberUrl, redUrl]) {
        expect(JSON.parse((await get(feedUrl, outsiderToken)).body.toString()).feed.entry).toEqual([])
        expect((await get(feedUrl)).res.status).toBe(401)
      }
      for (const suffix of ['', '.sha256', '.sha512', '.asc'])
        expect((await get(`${self}${suffix}`, outsiderToken)).res.status).toBe(404)

      const released = await releaseCase(
        t.db,
        w.c.id,
        new Date(),
        { kind: 'immediate', actor: w.staffActor, reason: 'Exploited in the wild' },
        { config: t.config, validateCsaf },
      )
      expect(released.released).toBe(true)
      // Released, the draft is replaced by the public document.
      expect((await participant.get(url)).statusCode).toBe(403)
    })

    it('passes an aggregator’s crawl: every document listed, hashed, signed and valid', async () => {
      const result = await crawl()
      expect(result.problems).toEqual([])
      expect(result.csaf.size).toBe(1)
      const [doc] = [...result.csaf.values()]
      expect(doc!.vulnerabilities[0].cwe.id).toBe('CWE-120')
      // The same advisory in CSAF 2.1, from its own metadata, feed and folder, as valid.
      expect([...result.csaf21.keys()]).toEqual([
        expect.stringMatching(/^https:\/\/lockstep\.test\/\.well-known\/csaf\/v2\.1\/clear\/\d{4}\/lsa-[\d-]+\.json$/),
      ])
      const [doc21] = [...result.csaf21.values()]
      expect(doc21!.document.tracking.id).toBe(doc!.document.tracking.id)
      expect(doc21!.document.distribution.tlp.label).toBe('CLEAR')
      expect(doc21!.vulnerabilities[0].cwes[0].id).toBe('CWE-120')
      expect(result.others.some((u) => u.includes('/osv/'))).toBe(true)
      // The CVE record (valid 5.2, checked in the crawl) names the product by purl and CPE.
      const cveRecord = JSON.parse((await get(result.others.find((u) => u.includes('/cve/'))!)).body.toString()) as Json
      expect(cveRecord.dataVersion).toBe('5.2')
      expect(cveRecord.containers.cna.affected[0]).toMatchObject({
        packageURL: 'pkg:generic/sendmail',
        cpes: ['cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*'],
      })
      expect(cveRecord.containers.cna.cpeApplicability[0].nodes[0].cpeMatch).toEqual([
        {
          vulnerable: true,
          criteria: 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*',
          versionStartIncluding: '5.2',
          versionEndExcluding: '8.12.8',
        },
      ])
      // The advisory's page tells a person how to check what they downloaded.
      const [csafUrl] = [...result.csaf.keys()]
      const page = (await get(doc!.document.references[0].url)).body.toString()
      expect(page).toContain('<h2 id="verify">Verify</h2>')
      const file = csafUrl!.split('/').pop()!
      expect(page).toContain(`gpg --verify ${file}.asc ${file}`)
      expect(page).toContain(`curl -O ${csafUrl} -O ${csafUrl}.asc`)
      // ...for every file it links, naming the key's fingerprint the metadata lists.
      const fingerprint = result.metadata.public_openpgp_keys[0].fingerprint as string
      expect(page.replace(/<code class="fingerprint">([^<]+)</, (_m, f: string) => f.replace(/ /g, ''))).toContain(
        fingerprint,
      )
      for (const other of result.others) {
        const name = other.split('/').pop()!
        expect(page).toContain(`gpg --verify ${name}.asc ${name}`)
        expect(page).toContain(`sha256sum -c ${name}.sha256`)
      }
      // OSV ids are readable; the address they had before still answers, with the same record.
      const osvUrl = result.others.find((u) => u.includes('/osv/'))!
      expect(osvUrl).toBe(`${PUBLIC}/osv/x_${doc!.document.tracking.id}.json`)
      const legacy = await get(osvUrl.replace(/\.json$/, '-V1.json'))
      expect(legacy.res.status).toBe(200)
      expect(legacy.body.equals((await get(osvUrl)).body)).toBe(true)
      expect((await get(osvUrl.replace(/\.json$/, '-V1.json.asc'))).res.status).toBe(200)
    })

    it('fails the crawl when a requirement is broken: a document missing from index.txt', async () => {
      // An advisory's CSAF document written outside the folder's bookkeeping: it is in neither
      // index.txt nor changes.csv under its own name, while the feed lists the moved one.
      const row = await t.db
        .selectFrom('published_documents')
        .select('path')
        .where('path', 'like', '/.well-known/csaf/white/%')
        .executeTakeFirstOrThrow()
      await t.db
        .updateTable('published_documents')
        .set({ path: row.path.replace('/white/', '/elsewhere/') })
        .where('path', '=', row.path)
        .execute()
      try {
        const result = await crawl()
        expect(result.problems).toContain(`${PUBLIC}${row.path} is in the ROLIE feed but not in index.txt`)
        expect(result.problems.some((p) => p.startsWith(`${PUBLIC}${row.path} answered 404`))).toBe(true)
      } finally {
        await t.db
          .updateTable('published_documents')
          .set({ path: row.path })
          .where('path', '=', row.path.replace('/white/', '/elsewhere/'))
          .execute()
      }
    })

    it('sends the documented headers: CORS for all, cross-origin resource policy, and says nothing exists elsewhere', async () => {
      const { res } = await get(`${PUBLIC}/.well-known/security.txt`)
      expect(res.headers.get('content-type')).toContain('text/plain')
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
      const missing = await get(`${PUBLIC}/.well-known/csaf/white/2003/nothing.json.asc`)
      expect(missing.res.status).toBe(404)
      // The web UI's pages keep their same-origin policy.
      const api = await get(`${PUBLIC}/api/v1/advisories`)
      expect(api.res.headers.get('access-control-allow-origin')).toBe('*')
    })
  },
  { config: { publicUrl: PUBLIC } },
)
