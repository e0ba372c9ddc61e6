// The CSAF check before a release, run in a worker thread (csafWorker.ts): the validator takes
// seconds of CPU to load, which on the server's own thread would stall every request meanwhile.
// The thread starts on first use, or when the scheduler sees a release coming; it does not keep
// the process alive.
import { Worker } from 'node:worker_threads'

type Reply = { id: number; problems?: string[]; error?: string } | { ready: true }

let worker: Worker | null = null
let ready: Promise<void> | null = null
let nextId = 1
const waiting = new Map<number, { resolve: (problems: string[]) => void; reject: (error: Error) => void }>()

function start(): Promise<void> {
  if (ready) return ready
  // From source (tests, tsx) the worker is TypeScript too: it registers tsx's loader first.
  const fromSource = import.meta.url.endsWith('.ts')
  const entry = JSON.stringify(new URL(fromSource ? './csafWorker.ts' : './csafWorker.js', import.meta.url).href)
  const boot = fromSource
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}) })`
    : `import(${entry})`
  worker = new Worker(boot, { eval: true })
  ready = new Promise((resolve, reject) => {
    worker!.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        if (waiting.size === 0) worker?.unref()
        return resolve()
      }
      const w = waiting.get(reply.id)
      waiting.delete(reply.id)
      if (reply.error !== undefined) w?.reject(new Error(`The CSAF validator failed: ${reply.error}`))
      else w?.resolve(reply.problems ?? [])
    })
    worker!.on('error', (error) => {
      reject(error)
      for (const w of waiting.values()) w.reject(error)
      waiting.clear()
      worker = null
      ready = null
    })
  })
  return ready
}

/** Ends the validator's thread (the server stops); the next check starts a new one. */
export async function stopValidators(): Promise<void> {
  const w = worker
  worker = null
  ready = null
  if (w) await w.terminate()
}

/** Starts the validator's thread ahead of need (a release is coming). */
export function loadValidators(): Promise<void> {
  return start()
}

export async function validateCsafLazily(doc: unknown): Promise<string[]> {
  await start()
  worker!.ref()
  const id = nextId++
  return new Promise<string[]>((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    worker!.postMessage({ id, doc })
  }).finally(() => {
    // Nothing waiting: let the process exit even though the thread is there.
    if (waiting.size === 0) worker?.unref()
  })
}
