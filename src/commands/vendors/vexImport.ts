// A vendor's VEX document (CSAF VEX, OpenVEX or CycloneDX VEX) taken into a case instead of
// clicking through statements: read and schema-checked first (a bad document is refused with a
// 422 naming what is wrong, and nothing changes), then each statement matched to the case's
// vulnerabilities and the vendor's products and recorded through postStatement, the same command
// the form uses (same approval, same ledger entry), all in one transaction. The answer says per
// statement what was taken and what was refused and why.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import { matchVexStatements, type RefusedStatement } from '../../domain/vexDocuments/matchStatements.js'
import { readVexDocument } from '../../domain/vexDocuments/readVexDocument.js'
import type { VexFormat } from '../../domain/vexDocuments/vexCase.js'
import type { VexStatus } from '../../domain/vex.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { participantFor, postStatement } from './statements.js'
import { caseVulnerabilities } from './vexExport.js'

/** The format's schema (and for CSAF its mandatory tests): problems in words, none when valid. */
export type VexSchemaCheck = (format: VexFormat, doc: unknown) => Promise<string[]>

export interface VexImportReport {
  format: VexFormat
  taken: { at: string; vulnerability: string; products: string[]; status: VexStatus; statementId: string }[]
  refused: RefusedStatement[]
}

const SHOWN_PROBLEMS = 5

export async function importVex(
  db: Db,
  actor: Actor,
  caseRef: string,
  doc: unknown,
  options: { participantId?: string | undefined; checkSchema: VexSchemaCheck },
): Promise<VexImportReport> {
  const reading = readVexDocument(doc)
  if (!reading.ok) throw new ValidationError(reading.problems.map((p) => ({ ...p, field: `document/${p.field}` })))
  const schemaProblems = await options.checkSchema(reading.format, doc)
  if (schemaProblems.length > 0)
    throw new ValidationError(
      schemaProblems
        .slice(0, SHOWN_PROBLEMS)
        .map((message) => ({ field: 'document', message: `not valid: ${message}` })),
    )

  return inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseRef, 'read')
    const p = await participantFor(trx, actor, c.id, resource, options.participantId)
    if (!p.roles.includes('vendor'))
      throw new ConflictError(
        `${p.name ?? 'This participant'} is not a vendor of the case: only vendors state whether they are affected.`,
      )
    const products = p.organization_id
      ? await trx
          .selectFrom('vendor_products')
          .select(['kind', 'pattern', 'purl_name', 'cpe_product'])
          .where('organization_id', '=', p.organization_id)
          .execute()
      : []
    const vulnerabilities = await caseVulnerabilities(trx, c.id, c.case_number)
    const { taken, refused } = matchVexStatements(
      reading.statements,
      {
        name: p.name ?? 'Vendor',
        purls: products.filter((x) => x.kind === 'purl').map((x) => x.pattern),
        productNames: products.flatMap((x) => [x.purl_name, x.cpe_product].filter((n): n is string => !!n)),
      },
      vulnerabilities.map((v) => ({
        id: v.id,
        cve: v.cve_id,
        caseVulnerabilityId: v.caseVulnerabilityId,
        affected: v.affected.map((a) => ({ vendor: a.vendor, product: a.product, purl: a.purl })),
      })),
    )
    const recorded: VexImportReport['taken'] = []
    for (const t of taken) {
      const posted = await postStatement(trx, actor, c.id, t.vulnerabilityId, {
        participantId: p.id,
        status: t.statement.status,
        justification: t.statement.justification,
        fixedVersions: t.statement.fixedVersions,
        remediation: t.statement.remediation,
        references: t.statement.references,
      })
      recorded.push({
        at: t.at,
        vulnerability: t.vulnerability,
        products: t.products,
        status: t.statement.status,
        statementId: posted.id,
      })
    }
    return { format: reading.format, taken: recorded, refused }
  })
}
