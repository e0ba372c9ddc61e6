// Serves the built React app. Any GET that is not an API or well-known path and asks for HTML gets
// index.html, so deep links (/admin/users, /invite/...) work on reload.
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const indexFile = path.join(root, 'index.html')
  if (!fs.existsSync(indexFile)) {
    app.log.warn({ root }, 'web UI not built: run `npm run build`')
    return
  }
  const index = fs.readFileSync(indexFile)
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders: (res, file) => {
      // Vite puts a content hash in every asset name: cache those forever, never the page itself.
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index)
  app.get('/', sendIndex)
  app.get('/*', (request, reply) => {
    const url = request.url.split('?')[0]!
    if (url.startsWith('/api/') || url.startsWith('/.well-known/')) {
      return reply.callNotFound()
    }
    const file = path.join(root, path.normalize(url))
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile())
      return reply.sendFile(path.relative(root, file))
    return sendIndex(request, reply)
  })
}
