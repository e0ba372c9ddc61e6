// The policy of Lockstep as tables: for each resource, state and action, what each kind of actor
// gets. a = allowed, d = denied (403), h = hidden (404, exactly as if it did not exist), r = read-only
// (409: the case was handed over to a peer).
// Columns: anonymous outsider member orgAdmin otherMember coordinator admin self
// Every later resource adds its table here; the route coverage test refuses an API route whose
// (resource, action) has no table.
import type { ActionOf, ResourceType, Resources } from '../../src/domain/policy/index.js'
import { ORG_A, ORG_B, SELF } from './world.js'

const OTHER = '00000000-0000-4000-8000-0000000000cc'

export type Row = string // eight letters, one per actor kind

export interface Matrix<T extends ResourceType> {
  resource: T
  states: Record<string, Resources[T]>
  expect: Record<ActionOf<T>, Record<string, Row>>
}

const define = <T extends ResourceType>(m: Matrix<T>): Matrix<T> => m

const caseOfAB: Resources['case'] = { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A, ORG_B] }
const caseOfB: Resources['case'] = { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_B] }
const byOrg = (organizationId: string) => ({ userId: null, organizationId })
const finderCaseWithB: Resources['case'] = {
  type: 'case',
  participantUserIds: [SELF],
  participantOrganizationIds: [ORG_B],
}
// The advisory, the embargo and report assignment (src/domain/policy/rules/{release,embargo,reports}.ts).
// Organization A is a vendor of the case; B is one too where a table says so.
function releaseMatrices() {
  const orgACase = { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A] } as const
  const abCase = { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A, ORG_B] } as const
  const vendor = (organizationId: string) =>
    ({ type: 'participant', case: abCase, userId: null, organizationId, roles: ['vendor'] }) as const
  return [
    define({
      resource: 'advisory',
      states: {
        unstarted: { type: 'advisory', case: orgACase, state: 'unstarted' },
        draft: { type: 'advisory', case: orgACase, state: 'draft' },
        published: { type: 'advisory', case: orgACase, state: 'published' },
      },
      expect: {
        //                           anon out mem oAd oth crd adm slf
        read: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   a   a   h   a   a   a',
          published: /*          */ 'h  h   a   a   h   a   a   a',
        },
        start: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   d   d   d',
          published: /*          */ 'h  h   d   d   h   d   d   d',
        },
        edit: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   a   a   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        comment: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   a   a   h   a   a   a',
          published: /*          */ 'h  h   a   a   h   a   a   a',
        },
        comment_as_coordinator: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   a   a   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        release: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   a   a   d',
          published: /*          */ 'h  h   d   d   h   d   d   d',
        },
        revise: {
          unstarted: /*          */ 'h  h   h   h   h   d   d   h',
          draft: /*              */ 'h  h   d   d   h   d   d   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        withdraw: {
          unstarted: /*          */ 'h  h   h   h   h   d   d   h',
          draft: /*              */ 'h  h   d   d   h   d   d   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        supersede: {
          unstarted: /*          */ 'h  h   h   h   h   d   d   h',
          draft: /*              */ 'h  h   d   d   h   d   d   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        read_readiness: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   a   a   d',
          published: /*          */ 'h  h   d   d   h   a   a   d',
        },
        leave_out: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   d   d   h   a   a   d',
          published: /*          */ 'h  h   d   d   h   d   d   d',
        },
        read_embargoed_csaf: {
          unstarted: /*          */ 'h  h   h   h   h   a   a   h',
          draft: /*              */ 'h  h   a   a   h   a   a   a',
          published: /*          */ 'h  h   d   d   h   d   d   d',
        },
      },
    }),
    define({
      resource: 'embargo',
      states: {
        orgATakesPart: { type: 'embargo', case: orgACase },
        noneOfUs: {
          type: 'embargo',
          case: { type: 'case', participantUserIds: [OTHER], participantOrganizationIds: [] },
        },
      },
      expect: {
        //                               anon out mem oAd oth crd adm slf
        read: {
          orgATakesPart: /*          */ 'h  h   a   a   h   a   a   a',
          noneOfUs: /*               */ 'h  h   h   h   h   a   a   h',
        },
        speak_as_coordinator: {
          orgATakesPart: /*          */ 'h  h   d   d   h   a   a   d',
          noneOfUs: /*               */ 'h  h   h   h   h   a   a   h',
        },
        terminate: {
          orgATakesPart: /*          */ 'h  h   d   d   h   a   a   d',
          noneOfUs: /*               */ 'h  h   h   h   h   a   a   h',
        },
      },
    }),
    define({
      resource: 'embargo_proposal',
      states: {
        // Organizations A and B are vendors of the case; the proposal is on the table.
        byVendorA: { type: 'embargo_proposal', case: abCase, proposer: vendor(ORG_A), late: false },
        byVendorB: { type: 'embargo_proposal', case: abCase, proposer: vendor(ORG_B), late: false },
        // By the staff in their own name (a case without a coordinating participant).
        byStaff: { type: 'embargo_proposal', case: abCase, proposer: null, late: false },
        // Past its answer time: silence counted as declining.
        byVendorALate: { type: 'embargo_proposal', case: abCase, proposer: vendor(ORG_A), late: true },
        byVendorBLate: { type: 'embargo_proposal', case: abCase, proposer: vendor(ORG_B), late: true },
      },
      expect: {
        //                               anon out mem oAd oth crd adm slf
        read: {
          byVendorA: /*              */ 'h  h   a   a   a   a   a   a',
          byVendorB: /*              */ 'h  h   a   a   a   a   a   a',
          byStaff: /*                */ 'h  h   a   a   a   a   a   a',
          byVendorALate: /*          */ 'h  h   a   a   a   a   a   a',
          byVendorBLate: /*          */ 'h  h   a   a   a   a   a   a',
        },
        answer: {
          byVendorA: /*              */ 'h  h   a   a   a   a   a   a',
          byVendorB: /*              */ 'h  h   a   a   a   a   a   a',
          byStaff: /*                */ 'h  h   a   a   a   a   a   a',
          byVendorALate: /*          */ 'h  h   d   d   d   a   a   d',
          byVendorBLate: /*          */ 'h  h   d   d   d   a   a   d',
        },
        seal: {
          byVendorA: /*              */ 'h  h   d   d   d   a   a   d',
          byVendorB: /*              */ 'h  h   d   d   d   a   a   d',
          byStaff: /*                */ 'h  h   d   d   d   a   a   d',
          byVendorALate: /*          */ 'h  h   d   d   d   a   a   d',
          byVendorBLate: /*          */ 'h  h   d   d   d   a   a   d',
        },
        withdraw: {
          byVendorA: /*              */ 'h  h   a   a   d   a   a   a',
          byVendorB: /*              */ 'h  h   d   d   a   a   a   d',
          byStaff: /*                */ 'h  h   d   d   d   a   a   d',
          byVendorALate: /*          */ 'h  h   a   a   d   a   a   a',
          byVendorBLate: /*          */ 'h  h   d   d   a   a   a   d',
        },
        reject: {
          byVendorA: /*              */ 'h  h   d   d   d   a   a   d',
          byVendorB: /*              */ 'h  h   d   d   d   a   a   d',
          byStaff: /*                */ 'h  h   d   d   d   a   a   d',
          byVendorALate: /*          */ 'h  h   d   d   d   a   a   d',
          byVendorBLate: /*          */ 'h  h   d   d   d   a   a   d',
        },
      },
    }),
    define({
      resource: 'report_assignee',
      states: {
        coordinator: { type: 'report_assignee', instanceRole: 'coordinator', disabled: false },
        admin: { type: 'report_assignee', instanceRole: 'admin', disabled: false },
        disabledCoordinator: { type: 'report_assignee', instanceRole: 'coordinator', disabled: true },
        notStaff: { type: 'report_assignee', instanceRole: 'none', disabled: false },
      },
      expect: {
        //                               anon out mem oAd oth crd adm slf
        assign: {
          coordinator: /*            */ 'd  d   d   d   d   a   a   d',
          admin: /*                  */ 'd  d   d   d   d   a   a   d',
          disabledCoordinator: /*    */ 'd  d   d   d   d   d   d   d',
          notStaff: /*               */ 'd  d   d   d   d   d   d   d',
        },
      },
    }),
  ] as const
}

export const matrices = [
  define({
    resource: 'instance',
    states: { instance: { type: 'instance' } },
    expect: {
      //                              anon out mem oAd oth crd adm slf
      administer: { instance: /*    */ 'd  d   d   d   d   d   a   d' },
      list_users: { instance: /*    */ 'd  d   d   d   d   a   a   d' },
      create_user: { instance: /*   */ 'd  d   d   d   d   d   a   d' },
      create_organization: { instance: 'd  d   d   d   d   a   a   d' },
      list_invitations: { instance: 'd  d   d   d   d   a   a   d' },
      invite_staff: { instance: /*  */ 'd  d   d   d   d   d   a   d' },
      list_reports: { instance: /*  */ 'd  d   d   d   d   a   a   d' },
      open_case: { instance: /*     */ 'd  d   d   d   d   a   a   d' },
      list_vendors: { instance: /*  */ 'd  d   d   d   d   a   a   d' },
      create_api_token: { instance: 'd  a   a   a   a   a   a   a' },
      import_archive: { instance: /**/ 'd  d   d   d   d   a   a   d' },
      read_metrics: { instance: /*  */ 'd  d   d   d   d   a   a   d' },
      list_peers: { instance: /*    */ 'd  d   d   d   d   d   a   d' },
      manage_peers: { instance: /*  */ 'd  d   d   d   d   d   a   d' },
      list_peer_offers: { instance: 'd  d   d   d   d   a   a   d' },
      answer_peer_offer: { instance: 'd  d   d   d   d   a   a   d' },
    },
  }),
  define({
    resource: 'demo_instance',
    states: { demo: { type: 'demo_instance', recorded: true }, real: { type: 'demo_instance', recorded: false } },
    expect: {
      //                        anon out mem oAd oth crd adm slf
      reset: {
        demo: /*            */ 'd  d   d   d   d   d   a   d',
        real: /*            */ 'd  d   d   d   d   d   d   d',
      },
    },
  }),
  define({
    resource: 'organization',
    states: { orgA: { type: 'organization', id: ORG_A } },
    expect: {
      //                       anon out mem oAd oth crd adm slf
      read: { orgA: /*     */ 'h  h   a   a   h   a   a   a' },
      update: { orgA: /*   */ 'h  h   d   a   h   d   a   d' },
      invite: { orgA: /*   */ 'h  h   d   a   h   a   a   d' },
      manage_members: { orgA: 'h  h   d   a   h   a   a   d' },
      manage_contacts: { orgA: 'h  h   d   a   h   a   a   d' },
      open_case: { orgA: /*       */ 'h  h   a   a   h   a   a   a' },
      manage_inventory: { orgA: /**/ 'h  h   a   a   h   a   a   a' },
      flag_critical: { orgA: /*   */ 'h  h   d   d   h   a   a   d' },
      read_metrics: { orgA: /*    */ 'h  h   a   a   h   a   a   a' },
    },
  }),
  define({
    resource: 'user',
    states: {
      memberOfA: { type: 'user', id: SELF, instanceRole: 'none', organizationIds: [ORG_A] },
      loner: { type: 'user', id: '00000000-0000-4000-8000-0000000000ff', instanceRole: 'none', organizationIds: [] },
    },
    expect: {
      //                                                  anon out mem oAd oth crd adm slf
      read: {
        memberOfA: /*                          */ 'h  h   a   a   h   a   a   a',
        loner: 'h  h   h   h   h   a   a   h',
      },
      update: {
        memberOfA: /*                        */ 'h  h   d   d   h   d   a   a',
        loner: 'h  h   h   h   h   d   a   h',
      },
      change_role: {
        memberOfA: /*                   */ 'h  h   d   d   h   d   a   d',
        loner: 'h  h   h   h   h   d   a   h',
      },
      disable: {
        memberOfA: /*                       */ 'h  h   d   d   h   d   a   d',
        loner: 'h  h   h   h   h   d   a   h',
      },
      issue_password_reset: {
        memberOfA: /*          */ 'h  h   d   d   h   d   a   d',
        loner: 'h  h   h   h   h   d   a   h',
      },
      remove_authenticator: {
        memberOfA: /*          */ 'h  h   d   d   h   d   d   a',
        loner: 'h  h   h   h   h   d   d   h',
      },
      reset_second_factors: {
        memberOfA: /*          */ 'h  h   d   d   h   d   a   d',
        loner: 'h  h   h   h   h   d   a   h',
      },
    },
  }),
  define({
    resource: 'membership',
    states: {
      selfInA: { type: 'membership', organizationId: ORG_A, userId: SELF, role: 'member' },
    },
    expect: {
      //                          anon out mem oAd oth crd adm slf
      read: { selfInA: /*     */ 'h  h   a   a   h   a   a   a' },
      update: { selfInA: /*   */ 'h  h   d   a   h   a   a   d' },
      remove: { selfInA: /*   */ 'h  h   d   a   h   a   a   a' },
    },
  }),
  define({
    resource: 'api_token',
    states: {
      active: { type: 'api_token', userId: SELF, revoked: false },
      revoked: { type: 'api_token', userId: SELF, revoked: true },
    },
    expect: {
      //                        anon out mem oAd oth crd adm slf
      read: { active: /*    */ 'h  h   h   h   h   h   a   a', revoked: 'h  h   h   h   h   h   a   a' },
      revoke: { active: /*  */ 'h  h   h   h   h   h   a   a', revoked: 'h  h   h   h   h   h   d   d' },
    },
  }),
  define({
    resource: 'invitation',
    states: {
      pendingToA: { type: 'invitation', organizationId: ORG_A, instanceRole: 'none', state: 'pending' },
      acceptedToA: { type: 'invitation', organizationId: ORG_A, instanceRole: 'none', state: 'accepted' },
      expiredToA: { type: 'invitation', organizationId: ORG_A, instanceRole: 'none', state: 'expired' },
      revokedToA: { type: 'invitation', organizationId: ORG_A, instanceRole: 'none', state: 'revoked' },
      pendingStaff: { type: 'invitation', organizationId: null, instanceRole: 'coordinator', state: 'pending' },
    },
    expect: {
      //                             anon out mem oAd oth crd adm slf
      read: {
        pendingToA: /*           */ 'h  h   h   a   h   a   a   h',
        acceptedToA: /*          */ 'h  h   h   a   h   a   a   h',
        expiredToA: /*           */ 'h  h   h   a   h   a   a   h',
        revokedToA: /*           */ 'h  h   h   a   h   a   a   h',
        pendingStaff: /*         */ 'h  h   h   h   h   a   a   h',
      },
      revoke: {
        pendingToA: /*           */ 'h  h   h   a   h   a   a   h',
        acceptedToA: /*          */ 'h  h   h   d   h   d   d   h',
        expiredToA: /*           */ 'h  h   h   d   h   d   d   h',
        revokedToA: /*           */ 'h  h   h   d   h   d   d   h',
        pendingStaff: /*         */ 'h  h   h   h   h   d   a   h',
      },
    },
  }),
  define({
    resource: 'report',
    states: {
      bySelf: { type: 'report', reporterUserId: SELF },
      byOther: { type: 'report', reporterUserId: '00000000-0000-4000-8000-0000000000ee' },
      anonymous: { type: 'report', reporterUserId: null },
    },
    expect: {
      //                         anon out mem oAd oth crd adm slf
      read: {
        bySelf: /*     */ 'h  h   h   h   h   a   a   a',
        byOther: 'h  h   h   h   h   a   a   h',
        anonymous: 'h  h   h   h   h   a   a   h',
      },
      triage: {
        bySelf: /*   */ 'h  h   h   h   h   a   a   d',
        byOther: 'h  h   h   h   h   a   a   h',
        anonymous: 'h  h   h   h   h   a   a   h',
      },
      send_to_peer: {
        bySelf: /*   */ 'h  h   h   h   h   a   a   d',
        byOther: 'h  h   h   h   h   a   a   h',
        anonymous: 'h  h   h   h   h   a   a   h',
      },
    },
  }),
  define({
    resource: 'case',
    states: {
      selfTakesPart: { type: 'case', participantUserIds: [SELF], participantOrganizationIds: [] },
      orgATakesPart: { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A] },
      noneOfUs: {
        type: 'case',
        participantUserIds: ['00000000-0000-4000-8000-0000000000dd'],
        participantOrganizationIds: [],
      },
      // Handed over to a peer: still read by whoever read it, changed by no one (r: 409 read-only).
      handedOver: {
        type: 'case',
        participantUserIds: [],
        participantOrganizationIds: [ORG_A],
        handedOver: { to: 'CERT-B', at: '2026-12-07T14:05:00.000Z' },
      },
    },
    expect: {
      //                                anon out mem oAd oth crd adm slf
      read: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   a',
        orgATakesPart: /*           */ 'h  h   a   a   h   a   a   a',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   a   a   h   a   a   a',
      },
      update: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   d',
        orgATakesPart: /*           */ 'h  h   d   d   h   a   a   d',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   r   r   h   r   r   r',
      },
      read_ledger: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   d',
        orgATakesPart: /*           */ 'h  h   d   d   h   a   a   d',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   d   d   h   a   a   d',
      },
      read_ledger_heads: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   a',
        orgATakesPart: /*           */ 'h  h   a   a   h   a   a   a',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   a   a   h   a   a   a',
      },
      mark_seen: {
        selfTakesPart: /*           */ 'h  h   h   h   h   d   d   a',
        orgATakesPart: /*           */ 'h  h   a   a   h   d   d   a',
        noneOfUs: /*                */ 'h  h   h   h   h   d   d   h',
        handedOver: /*              */ 'h  h   a   a   h   d   d   a',
      },
      offer_to_peer: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   d',
        orgATakesPart: /*           */ 'h  h   d   d   h   a   a   d',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   r   r   h   r   r   r',
      },
      hand_over_to_peer: {
        selfTakesPart: /*           */ 'h  h   h   h   h   a   a   d',
        orgATakesPart: /*           */ 'h  h   d   d   h   a   a   d',
        noneOfUs: /*                */ 'h  h   h   h   h   a   a   h',
        handedOver: /*              */ 'h  h   r   r   h   r   r   r',
      },
    },
  }),
  define({
    resource: 'thread',
    states: {
      caseWide: {
        type: 'thread',
        case: { type: 'case', participantUserIds: [OTHER], participantOrganizationIds: [ORG_A] },
        privateTo: null,
      },
      privateToOrgA: {
        type: 'thread',
        case: { type: 'case', participantUserIds: [OTHER], participantOrganizationIds: [ORG_A] },
        privateTo: { userId: null, organizationId: ORG_A },
      },
      privateToOther: {
        type: 'thread',
        case: { type: 'case', participantUserIds: [OTHER], participantOrganizationIds: [ORG_A] },
        privateTo: { userId: OTHER, organizationId: null },
      },
      caseWideHandedOver: {
        type: 'thread',
        case: {
          type: 'case',
          participantUserIds: [OTHER],
          participantOrganizationIds: [ORG_A],
          handedOver: { to: 'CERT-B', at: '2026-12-07T14:05:00.000Z' },
        },
        privateTo: null,
      },
    },
    expect: {
      //                              anon out mem oAd oth crd adm slf
      read: {
        caseWide: /*              */ 'h  h   a   a   h   a   a   a',
        privateToOrgA: /*         */ 'h  h   a   a   h   a   a   a',
        privateToOther: /*        */ 'h  h   h   h   h   a   a   h',
        caseWideHandedOver: /*    */ 'h  h   a   a   h   a   a   a',
      },
      post: {
        caseWide: /*              */ 'h  h   a   a   h   a   a   a',
        privateToOrgA: /*         */ 'h  h   a   a   h   a   a   a',
        privateToOther: /*        */ 'h  h   h   h   h   a   a   h',
        caseWideHandedOver: /*    */ 'h  h   r   r   h   r   r   r',
      },
    },
  }),
  define({
    resource: 'participant',
    states: {
      // Organization A and B are both vendors of the case.
      vendorA: {
        type: 'participant',
        case: { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A, ORG_B] },
        userId: null,
        organizationId: ORG_A,
        roles: ['vendor'],
      },
      observerA: {
        type: 'participant',
        case: { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A, ORG_B] },
        userId: null,
        organizationId: ORG_A,
        roles: ['observer'],
      },
      vendorB: {
        type: 'participant',
        case: { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_A, ORG_B] },
        userId: null,
        organizationId: ORG_B,
        roles: ['vendor'],
      },
      // A case organization A has nothing to do with.
      vendorOfOtherCase: {
        type: 'participant',
        case: { type: 'case', participantUserIds: [], participantOrganizationIds: [ORG_B] },
        userId: null,
        organizationId: ORG_B,
        roles: ['vendor'],
      },
    },
    expect: {
      //                                anon out mem oAd oth crd adm slf
      read: {
        vendorA: /*                 */ 'h  h   a   a   a   a   a   a',
        observerA: /*               */ 'h  h   a   a   a   a   a   a',
        vendorB: /*                 */ 'h  h   a   a   a   a   a   a',
        vendorOfOtherCase: /*       */ 'h  h   h   h   a   a   a   h',
      },
      state_position: {
        vendorA: /*                 */ 'h  h   a   a   d   a   a   a',
        observerA: /*               */ 'h  h   d   d   d   a   a   d',
        vendorB: /*                 */ 'h  h   d   d   a   a   a   d',
        vendorOfOtherCase: /*       */ 'h  h   h   h   a   a   a   h',
      },
      negotiate_embargo: {
        vendorA: /*                 */ 'h  h   a   a   d   a   a   a',
        observerA: /*               */ 'h  h   d   d   d   a   a   d',
        vendorB: /*                 */ 'h  h   d   d   a   a   a   d',
        vendorOfOtherCase: /*       */ 'h  h   h   h   a   a   a   h',
      },
    },
  }),
  // Who a participant is. The finder is "self" (a person); organization B is a vendor of that case.
  define({
    resource: 'participant_identity',
    states: {
      anonymousFinder: {
        type: 'participant_identity',
        case: finderCaseWithB,
        participant: { userId: SELF, organizationId: null },
        withheld: true,
      },
      namedFinder: {
        type: 'participant_identity',
        case: finderCaseWithB,
        participant: { userId: SELF, organizationId: null },
        withheld: false,
      },
      vendorB: {
        type: 'participant_identity',
        case: finderCaseWithB,
        participant: byOrg(ORG_B),
        withheld: false,
      },
      vendorAToB: { type: 'participant_identity', case: caseOfAB, participant: byOrg(ORG_A), withheld: false },
    },
    expect: {
      //                                anon out mem oAd oth crd adm slf
      read: {
        anonymousFinder: /*         */ 'h  h   h   h   h   a   a   a',
        namedFinder: /*             */ 'h  h   h   h   a   a   a   a',
        vendorB: /*                 */ 'h  h   h   h   a   a   a   a',
        vendorAToB: /*              */ 'h  h   a   a   a   a   a   a',
      },
    },
  }),
  // Case work (statements, suggestions): organizations A and B are both vendors of the case.
  define({
    resource: 'statement',
    states: {
      byAUnshared: { type: 'statement', case: caseOfAB, by: byOrg(ORG_A), shareable: false, approved: false },
      byBUnshared: { type: 'statement', case: caseOfAB, by: byOrg(ORG_B), shareable: false, approved: false },
      byBShared: { type: 'statement', case: caseOfAB, by: byOrg(ORG_B), shareable: true, approved: false },
      byBApproved: { type: 'statement', case: caseOfAB, by: byOrg(ORG_B), shareable: false, approved: true },
      // Shared, but in a case organization A has nothing to do with.
      sharedElsewhere: { type: 'statement', case: caseOfB, by: byOrg(ORG_B), shareable: true, approved: true },
    },
    expect: {
      //                                anon out mem oAd oth crd adm slf
      read: {
        byAUnshared: /*             */ 'h  h   a   a   h   a   a   a',
        byBUnshared: /*             */ 'h  h   h   h   a   a   a   h',
        byBShared: /*               */ 'h  h   a   a   a   a   a   a',
        // Approved for the advisory, not shared: still B's own business until the release.
        byBApproved: /*             */ 'h  h   h   h   a   a   a   h',
        sharedElsewhere: /*         */ 'h  h   h   h   a   a   a   h',
      },
    },
  }),
  define({
    resource: 'vendor_suggestion',
    states: {
      byVendorA: { type: 'vendor_suggestion', case: caseOfAB, by: { ...byOrg(ORG_A), roles: ['vendor'] } },
      byObserverA: { type: 'vendor_suggestion', case: caseOfAB, by: { ...byOrg(ORG_A), roles: ['observer'] } },
      byVendorB: { type: 'vendor_suggestion', case: caseOfAB, by: { ...byOrg(ORG_B), roles: ['vendor'] } },
      byCoordinator: { type: 'vendor_suggestion', case: caseOfAB, by: null },
    },
    expect: {
      //                                anon out mem oAd oth crd adm slf
      read: {
        byVendorA: /*               */ 'h  h   a   a   h   a   a   a',
        byObserverA: /*             */ 'h  h   a   a   h   a   a   a',
        byVendorB: /*               */ 'h  h   h   h   a   a   a   h',
        byCoordinator: /*           */ 'h  h   h   h   h   a   a   h',
      },
      create: {
        byVendorA: /*               */ 'h  h   a   a   h   a   a   a',
        byObserverA: /*             */ 'h  h   d   d   h   a   a   d',
        byVendorB: /*               */ 'h  h   h   h   a   a   a   h',
        byCoordinator: /*           */ 'h  h   h   h   h   a   a   h',
      },
      decide: {
        byVendorA: /*               */ 'h  h   d   d   h   a   a   d',
        byObserverA: /*             */ 'h  h   d   d   h   a   a   d',
        byVendorB: /*               */ 'h  h   h   h   d   a   a   h',
        byCoordinator: /*           */ 'h  h   h   h   h   a   a   h',
      },
    },
  }),
  ...releaseMatrices(),
] as const

export type AnyMatrix = (typeof matrices)[number]

export function covered(resource: string, action: string): boolean {
  return matrices.some((m) => m.resource === resource && action in m.expect)
}
