// The ordered list of migrations. Append only: a migration that has shipped is never edited.
import * as accounts from './0001_accounts.js'
import * as reports from './0002_reports.js'
import * as cases from './0003_cases.js'
import * as caseWork from './0004_case_work.js'
import * as mail from './0005_mail.js'
import * as vendors from './0006_vendors.js'
import * as productThreads from './0007_product_threads.js'
import * as embargoRelease from './0008_embargo_release.js'
import * as inventories from './0009_inventories.js'
import * as ownerAlerts from './0010_owner_alerts.js'
import * as latePreNotices from './0011_late_pre_notices.js'
import * as pypiNames from './0012_pypi_names.js'
import * as principalChanges from './0013_principal_changes.js'
import * as demoInstance from './0014_demo_instance.js'
import * as replyPerMessage from './0015_reply_per_message.js'
import * as apiTokenScopes from './0016_api_token_scopes.js'
import * as ledgerHeads from './0017_ledger_heads.js'
import * as crashRecovery from './0019_crash_recovery.js'
import * as liveEvents from './0021_live_events.js'
import * as notifications from './0022_notifications.js'
import * as search from './0023_search.js'
import * as releaseReadiness from './0025_release_readiness.js'
import * as importedCases from './0026_imported_cases.js'
import * as csafImport from './0027_csaf_import.js'
import * as notificationWords from './0028_notification_words.js'
import * as caseReadingIndexes from './0031_case_reading_indexes.js'
import * as federation from './0034_federation.js'
import * as searchColumns from './0035_search_columns.js'
import * as federatedCases from './0036_federated_cases.js'
import * as metricsEmbargoIndex from './0039_metrics_embargo_index.js'
import * as peerAdvisories from './0041_peer_advisories.js'
import * as federatedAnswers from './0043_federated_answers.js'
import * as peerSharedItems from './0044_peer_shared_items.js'
import * as caseHandoff from './0045_case_handoff.js'
import * as advisoryEndAndVulnerabilitySsvc from './0046_advisory_end_and_vulnerability_ssvc.js'
import * as reportPeerOffers from './0048_report_peer_offers.js'
import * as threadLastMessage from './0049_thread_last_message.js'
import * as peerLedgerAgreement from './0051_peer_ledger_agreement.js'

export interface Migration {
  version: number
  name: string
  up: string
}

export const migrations: readonly Migration[] = [
  { version: 1, ...accounts },
  { version: 2, ...reports },
  { version: 3, ...cases },
  { version: 4, ...caseWork },
  { version: 5, ...mail },
  { version: 6, ...vendors },
  { version: 7, ...productThreads },
  { version: 8, ...embargoRelease },
  { version: 9, ...inventories },
  { version: 10, ...ownerAlerts },
  { version: 11, ...latePreNotices },
  { version: 12, ...pypiNames },
  { version: 13, ...principalChanges },
  { version: 14, ...demoInstance },
  { version: 15, ...replyPerMessage },
  { version: 16, ...apiTokenScopes },
  { version: 17, ...ledgerHeads },
  { version: 19, ...crashRecovery },
  { version: 21, ...liveEvents },
  { version: 22, ...notifications },
  { version: 23, ...search },
  { version: 25, ...releaseReadiness },
  { version: 26, ...importedCases },
  { version: 27, ...csafImport },
  { version: 28, ...notificationWords },
  { version: 31, ...caseReadingIndexes },
  { version: 34, ...federation },
  { version: 35, ...searchColumns },
  { version: 36, ...federatedCases },
  { version: 39, ...metricsEmbargoIndex },
  { version: 41, ...peerAdvisories },
  { version: 43, ...federatedAnswers },
  { version: 44, ...peerSharedItems },
  { version: 45, ...caseHandoff },
  { version: 46, ...advisoryEndAndVulnerabilitySsvc },
  { version: 48, ...reportPeerOffers },
  { version: 49, ...threadLastMessage },
  { version: 51, ...peerLedgerAgreement },
]

export const latestVersion = migrations.at(-1)?.version ?? 0
