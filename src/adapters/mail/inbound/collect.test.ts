import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { collectMessage } from './collect.js'

/** Feeds the chunks into a stream as the SMTP server would, and collects them. */
async function collect(chunks: string[], sizeLimitBytes: number, headerLimitBytes?: number) {
  const stream = new PassThrough()
  let peak = 0
  const done = collectMessage(stream, {
    sizeLimitBytes,
    ...(headerLimitBytes ? { headerLimitBytes } : {}),
    onHeld: (n) => (peak = Math.max(peak, n)),
  })
  for (const c of chunks) stream.write(Buffer.from(c, 'latin1'))
  stream.end()
  return { result: await done, peak }
}

describe('collecting an SMTP message', () => {
  it('finds the end of the header section even when the blank line is split across chunks', async () => {
    const { result } = await collect(['From: a@b\r\nSubject: x\r', '\n\r', '\nbody\r\n'], 1000)
    expect(result).toEqual({ ok: true, raw: Buffer.from('From: a@b\r\nSubject: x\r\n\r\nbody\r\n'), headerEnd: 25 })
  })

  it('lets go of what it held once over the size limit and drains the rest', async () => {
    const { result, peak } = await collect(['From: a@b\r\n\r\n', 'x'.repeat(60), 'y'.repeat(60), 'z'.repeat(60)], 100)
    expect(result).toMatchObject({ ok: false, code: 552, bytes: 193 })
    expect(peak).toBeLessThanOrEqual(100)
  })

  it('refuses a header section over its limit, even when the message is under the size limit', async () => {
    const { result, peak } = await collect(['From: a@b\r\nX-Long: ', 'h'.repeat(80), '\r\n\r\nbody'], 1000, 64)
    expect(result).toMatchObject({
      ok: false,
      code: 552,
      message: expect.stringMatching(/header section larger than 64/),
    })
    expect(peak).toBeLessThanOrEqual(64)
  })
})
