// The CSAF validator's own thread: loading csaf-validator-lib (its schemas and every mandatory
// test) takes seconds of CPU, and so can checking a large document; here it never stalls the
// server's requests. Answers { id, problems } or { id, error } to each { id, doc }.
import { parentPort } from 'node:worker_threads'

const { validateCsaf } = await import('../../domain/advisory/validate.js')
parentPort!.on('message', (message: { id: number; doc: unknown }) => {
  validateCsaf(message.doc).then(
    (problems) => parentPort!.postMessage({ id: message.id, problems }),
    (error: unknown) =>
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
parentPort!.postMessage({ ready: true })
