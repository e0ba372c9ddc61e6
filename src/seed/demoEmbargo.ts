// The demo's embargo and advisory: the coordinator proposed that the embargo end a few minutes
// after the instance's first start (LOCKSTEP_DEMO_RELEASE_MINUTES, 5 by default), the vendors
// that answered agreed, and the coordinator sealed it, so that a person watching sees the release
// happen: the advisory page and feeds appear, the announcement goes out. The draft was written,
// commented on by Red Hat and revised; the vulnerability carries its real CVE ID, CVE-2002-1337.
import type { UserActor } from '../domain/actor.js'
import { answerProposal, proposeTerms } from '../commands/embargo/negotiation.js'
import { commentOnDraft, readAdvisory, saveDraft } from '../commands/release/drafts.js'
import { defaultEmbargoPolicy } from '../domain/embargo.js'
import type { Db } from '../store/db.js'
import type { AdvisoryDraft } from '../store/schema.js'
import { demoActor } from './demoCase.js'
import type { Step, StoryClock } from './demoVendorAnswers.js'

const draft: AdvisoryDraft = {
  title: 'Remote root in sendmail header processing (crackaddr)',
  overview:
    'A buffer overflow in sendmail’s address parser lets a remote attacker run code as root on any host whose sendmail processes a crafted message, relays included. Upgrade to sendmail 8.12.8 or apply your vendor’s patch.',
  description:
    'The function crackaddr() in headers.c tracks the nesting of <> and ( ) in address headers to decide how much to copy into a fixed-size static buffer. A header crafted to unbalance that bookkeeping makes it write past the end of the buffer. ' +
    'The flaw is reached before any authentication, by any message the server parses, including one it only relays.',
  impact:
    'A remote, unauthenticated attacker gains root. Relays and internal mail hubs behind a firewall are exposed too: the message only has to pass through them.',
  solution:
    'Upgrade to sendmail 8.12.8, or apply the patch for 8.9, 8.10, 8.11 or 8.12 from the Sendmail Consortium, or your operating-system vendor’s update listed below.',
  references: [
    { url: 'https://www.sendmail.org/', summary: 'Sendmail Consortium' },
    { url: 'https://www.kb.cert.org/vuls/id/398025', summary: 'CERT/CC VU#398025' },
  ],
  credits: [{ name: 'ISS X-Force', contribution: 'found and reported the flaw' }],
}

export async function demoEmbargoSteps(
  db: Db,
  casey: UserActor,
  opened: { caseId: string; vulnerabilityId: string },
  at: StoryClock,
  releaseAt: Date,
): Promise<Step[]> {
  const rae = await demoActor(db, 'redhat@lockstep.demo')
  const vic = await demoActor(db, 'consortium@lockstep.demo')
  const sam = await demoActor(db, 'sgi@lockstep.demo')
  const openProposalId = async () =>
    (
      await db
        .selectFrom('embargo_proposals')
        .select('id')
        .where('case_id', '=', opened.caseId)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow()
    ).id
  const agree = (actor: UserActor | undefined, day: string): Step[] =>
    actor
      ? [
          {
            at: at(day),
            run: async () =>
              void (await answerProposal(
                db,
                actor,
                opened.caseId,
                await openProposalId(),
                { answer: 'accept' },
                at(day),
              )),
          },
        ]
      : []
  return [
    {
      at: at('2003-02-20T15:00:00Z'),
      run: async () => {
        await db
          .updateTable('vulnerabilities')
          .set({ cve_id: 'CVE-2002-1337' })
          .where('id', '=', opened.vulnerabilityId)
          .execute()
        await db
          .insertInto('cve_ids')
          .values({
            cve_id: 'CVE-2002-1337',
            year: 2002,
            source: 'block',
            state: 'reserved',
            vulnerability_id: opened.vulnerabilityId,
            reserved_at: at('2003-02-20T15:00:00Z'),
          })
          .onConflict((oc) => oc.column('cve_id').doNothing())
          .execute()
        await readAdvisory(db, casey, opened.caseId)
        await saveDraft(
          db,
          casey,
          opened.caseId,
          { draft, note: 'The advisory, ready for the vendors to review' },
          at('2003-02-20T15:00:00Z'),
        )
      },
    },
    {
      at: at('2003-02-22T15:00:00Z'),
      run: async () =>
        void (await proposeTerms(
          db,
          casey,
          opened.caseId,
          {
            endsAt: releaseAt.toISOString(),
            timeZone: 'America/New_York',
            reason: 'Every vendor that answered has a fix or a date for one: release together.',
          },
          defaultEmbargoPolicy,
          at('2003-02-22T15:00:00Z'),
        )),
    },
    ...agree(vic, '2003-02-22T20:00:00Z'),
    ...(rae
      ? [
          {
            at: at('2003-02-25T14:00:00Z'),
            run: async () =>
              void (await commentOnDraft(
                db,
                rae,
                opened.caseId,
                { body: 'Please list our erratum RHSA-2003:073 among the references.' },
                at('2003-02-25T14:00:00Z'),
              )),
          },
        ]
      : []),
    {
      at: at('2003-02-25T18:00:00Z'),
      run: async () =>
        void (await saveDraft(
          db,
          casey,
          opened.caseId,
          {
            draft: {
              ...draft,
              references: [
                ...draft.references,
                { url: 'https://access.redhat.com/errata/RHSA-2003:073', summary: 'Red Hat erratum RHSA-2003:073' },
              ],
            },
            note: 'Red Hat’s erratum added',
          },
          at('2003-02-25T18:00:00Z'),
        )),
    },
    ...agree(rae, '2003-02-28T18:00:00Z'),
    ...agree(sam, '2003-02-27T20:00:00Z'),
    ...agree(casey, '2003-03-01T16:00:00Z'),
    {
      at: at('2003-03-01T17:00:00Z'),
      run: async () => {
        await db
          .insertInto('advisory_subscribers')
          .values({ email: 'announce@lists.example', confirmed_at: at('2003-03-01T17:00:00Z') })
          .onConflict((oc) => oc.column('email').doNothing())
          .execute()
      },
    },
  ]
}
