// The CSAF validator (csaf-validator-lib with every mandatory test) takes seconds to load, so it
// is loaded on first use, not with the program: the CLI's chores never pay for it, and the server
// warms it in the background after it starts listening, before any release is due.
type Validators = typeof import('../../domain/advisory/validate.js')

let loading: Promise<Validators> | null = null

export function loadValidators(): Promise<Validators> {
  loading ??= import('../../domain/advisory/validate.js')
  return loading
}

export async function validateCsafLazily(doc: unknown): Promise<string[]> {
  return (await loadValidators()).validateCsaf(doc)
}
