import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Fax-ready TIFF (spec/gateways.md §5): the document's files converted with Ghostscript's `tiffg3`
 * at 204×196 dpi (each page keeps its size: A4 stays A4, Letter stays Letter), once per document
 * version — the cache key is the digest of the files' bytes — and its page count.
 */

export const GHOSTSCRIPT = 'gs'

export interface FaxTiff { path: string; pages: number }

/** The number of images (pages) in a TIFF: its chain of IFDs. */
export function tiffPages(bytes: Buffer): number {
  if (bytes.length < 8) throw new Error('not a TIFF')
  const le = bytes.toString('latin1', 0, 2) === 'II'
  if (!le && bytes.toString('latin1', 0, 2) !== 'MM') throw new Error('not a TIFF')
  const u16 = (o: number) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o))
  const u32 = (o: number) => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o))
  if (u16(2) !== 42) throw new Error('not a TIFF')
  let pages = 0
  const seen = new Set<number>()
  for (let ifd = u32(4); ifd !== 0 && ifd + 2 <= bytes.length && !seen.has(ifd); ) {
    seen.add(ifd)
    pages++
    const entries = u16(ifd)
    const next = ifd + 2 + entries * 12
    if (next + 4 > bytes.length) break
    ifd = u32(next)
  }
  return pages
}

const isTiff = (mime: string) => mime === 'image/tiff' || mime === 'image/tif'
const ghostscriptReads = (mime: string) => mime === 'application/pdf' || mime === 'application/postscript'

/** Converts (or finds in `cacheDir`) the fax TIFF of a document's files, in order. */
export async function faxTiff(files: readonly { path: string; mime: string }[], cacheDir: string): Promise<FaxTiff> {
  if (files.length === 0) throw new Error('the document has no file')
  const digest = createHash('sha256')
  for (const f of files) digest.update(f.mime).update('\0').update(readFileSync(f.path))
  const key = digest.digest('hex')
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
  const out = join(cacheDir, `${key}.tif`)
  if (!existsSync(out)) {
    if (files.length === 1 && isTiff(files[0]!.mime)) {
      // Already a TIFF: Ghostscript cannot read one; it is sent as it is.
      const tmp = `${out}.${process.pid}.tmp`
      await import('node:fs/promises').then((fs) => fs.copyFile(files[0]!.path, tmp))
      renameSync(tmp, out)
    } else {
      const unsupported = files.find((f) => !ghostscriptReads(f.mime))
      if (unsupported) throw new Error(`cannot convert ${unsupported.mime} to fax`)
      const tmp = `${out}.${process.pid}.tmp`
      await new Promise<void>((resolve, reject) => {
        execFile(GHOSTSCRIPT, ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffg3', '-r204x196', `-sOutputFile=${tmp}`, ...files.map((f) => f.path)],
          { timeout: 120_000 }, (err, _stdout, stderr) => (err ? reject(new Error(`ghostscript: ${String(stderr).trim().slice(0, 200) || err.message}`)) : resolve()))
      })
      renameSync(tmp, out)
    }
  }
  return { path: out, pages: tiffPages(readFileSync(out)) }
}
