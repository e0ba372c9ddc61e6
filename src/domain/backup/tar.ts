// The POSIX ustar layout a backup is written in (so that `tar tzf` lists it and `tar xzf` opens
// it for inspection): a 512-byte header per file, the content padded to 512 bytes, two empty
// blocks at the end. Only what a backup writes is read back: regular files with names under
// 100 bytes. The reader is fed chunks as they arrive and hands back whole entries.
const BLOCK = 512

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

/** The header block of one regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) >= 100) throw new Error(`tar entry name too long: ${name}`)
  const h = Buffer.alloc(BLOCK)
  h.write(name, 0, 'utf8')
  h.write(octal(0o644, 8), 100)
  h.write(octal(0, 8), 108)
  h.write(octal(0, 8), 116)
  h.write(octal(size, 12), 124)
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136)
  h.write('        ', 148) // the checksum field counts as spaces while summing
  h.write('0', 156)
  h.write('ustar\0', 257)
  h.write('00', 263)
  let sum = 0
  for (const byte of h) sum += byte
  h.write(octal(sum, 7) + ' ', 148)
  return h
}

export const tarPadding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)
export const tarEnd = (): Buffer => Buffer.alloc(BLOCK * 2)

export class TarFormatError extends Error {}

export interface TarEntry {
  name: string
  data: Buffer
}

/** Feed it chunks; it returns the entries completed by each. */
export class TarReader {
  private pending: Buffer[] = []
  private length = 0
  private current: { name: string; size: number } | null = null
  ended = false

  push(chunk: Buffer): TarEntry[] {
    this.pending.push(chunk)
    this.length += chunk.length
    const out: TarEntry[] = []
    for (;;) {
      if (this.ended) return out
      if (!this.current) {
        if (this.length < BLOCK) return out
        const header = this.take(BLOCK)
        if (header.every((b) => b === 0)) {
          this.ended = true
          return out
        }
        this.current = readHeader(header)
      }
      const padded = this.current.size + tarPadding(this.current.size).length
      if (this.length < padded) return out
      const data = this.take(padded).subarray(0, this.current.size)
      out.push({ name: this.current.name, data })
      this.current = null
    }
  }

  private take(n: number): Buffer {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending)
    this.pending = n < all.length ? [all.subarray(n)] : []
    this.length = all.length - n
    return all.subarray(0, n)
  }
}

function readHeader(h: Buffer): { name: string; size: number } {
  const field = (start: number, len: number) =>
    h
      .subarray(start, start + len)
      .toString('utf8')
      .replace(/\0.*$/s, '')
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
  if (Number.parseInt(field(148, 8).trim(), 8) !== sum) throw new TarFormatError('a tar header checksum does not match')
  const type = field(156, 1)
  if (type !== '0' && type !== '') throw new TarFormatError(`unexpected tar entry type ${JSON.stringify(type)}`)
  return { name: field(0, 100), size: Number.parseInt(field(124, 12).trim() || '0', 8) }
}
