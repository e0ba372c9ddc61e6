// What the coordinator writes of an advisory (the rest comes from the case at release): stored as
// the advisory's draft, and carried whole to a peer taking a case over (federation/caseHandoff.ts).
export interface AdvisoryDraft {
  title: string
  overview: string
  description: string
  impact: string
  solution: string
  references: { url: string; summary: string }[]
  credits: { name: string; contribution: string | null }[]
}
