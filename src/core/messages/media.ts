import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { and, asc, eq, sql } from 'drizzle-orm'
import { zipSync } from 'fflate'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { Invalid, NotFound } from '../errors.ts'
import { requirePermission } from '../kernel/guard.ts'
import { mediaExtension, normalizeMime, type MediaKind } from './media-types.ts'
import { common, ENTITY, findVisibleMessage, messageScope, type MessageKind } from './messages.ts'
import { messageMedia } from './messages.table.ts'

/**
 * Message media (spec/ictcore.md §9). Bytes live in the media directory under the canonical name
 * `<kind>/<id>/<part>.<ext>`; `message_media` rows list them in upload order and the message row
 * carries the summary (`media_type` = first part's extension, `parts`, `size`).
 */

/** One stored file of a message, as other areas (gateways, programs) read it. */
export interface MediaFile {
  /** Absolute path. */
  path: string
  mime: string
  ext: string
  size: number
}

/** A download: one file as stored, or several parts zipped (`1.<ext>`, `2.<ext>` …). */
export interface MediaDownload {
  mime: string
  ext: string
  bytes: Uint8Array
}

export const MAX_MEDIA_BYTES = 20 * 1024 * 1024

/** The absolute media directory of this core (the composition root sets it from the deployment's config). */
export function mediaDir(core: Core): string {
  return core.mediaDir
}

const isMediaKind = (kind: MessageKind): kind is MediaKind => kind !== 'text'

/** The files of a message in upload order (no permission check: for the dispatcher and programs). */
export async function mediaFilesOf(core: Core, kind: MessageKind, id: number): Promise<MediaFile[]> {
  if (!isMediaKind(kind)) return []
  const rows = await core.db.select().from(messageMedia)
    .where(and(eq(messageMedia.kind, kind), eq(messageMedia.messageId, id))).orderBy(asc(messageMedia.part))
  const dir = mediaDir(core)
  return rows.map((r) => ({ path: join(dir, r.path), mime: r.mime, ext: r.ext, size: r.size }))
}

/** An upload checked and written to a temporary file, waiting to be placed under a message. */
export interface StagedMedia {
  tmp: string
  mime: string
  ext: string
  size: number
}

/**
 * Checks an upload for a message kind (empty, over 20 MiB, unsupported type → Invalid `media`) and
 * writes it to a temporary file, outside any transaction. `placeMedia` moves it into place;
 * `discardStaged` removes what was not placed.
 */
export async function stageMedia(core: Core, kind: MediaKind, upload: { bytes: Uint8Array; mime: string }): Promise<StagedMedia> {
  if (upload.bytes.length === 0) throw new Invalid('media', 'is empty')
  if (upload.bytes.length > MAX_MEDIA_BYTES) throw new Invalid('media', 'is larger than 20 MiB')
  const mime = normalizeMime(upload.mime)
  const ext = mime && mediaExtension(kind, mime)
  if (!mime || !ext) throw new Invalid('media', 'has an unsupported type')
  const tmpDir = join(mediaDir(core), '.tmp')
  await mkdir(tmpDir, { recursive: true })
  const tmp = join(tmpDir, `${kind}-${randomBytes(8).toString('hex')}`)
  await writeFile(tmp, upload.bytes)
  return { tmp, mime, ext, size: upload.bytes.length }
}

export async function discardStaged(staged: readonly StagedMedia[]): Promise<void> {
  for (const s of staged) await rm(s.tmp, { force: true }).catch(() => undefined)
}

/**
 * Places a staged file under message `id` inside the caller's transaction, which holds the
 * message row's lock: `append` adds a part (documents), otherwise it becomes the only part. The
 * rename is the transaction's last file step. Returns the relative paths of replaced parts, for
 * the caller to remove after the commit.
 */
export async function placeMedia(core: Core, tx: Db, kind: MediaKind, id: number, staged: StagedMedia, mode: 'append' | 'replace'): Promise<string[]> {
  const append = mode === 'append' && kind === 'document'
  const dir = mediaDir(core)
  const t = common(kind)
  const existing = await tx.select({ part: messageMedia.part, path: messageMedia.path }).from(messageMedia)
    .where(and(eq(messageMedia.kind, kind), eq(messageMedia.messageId, id)))
  const part = append ? existing.reduce((m, r) => Math.max(m, r.part), 0) + 1 : 1
  const path = `${kind}/${id}/${part}.${staged.ext}`
  if (!append) await tx.delete(messageMedia).where(and(eq(messageMedia.kind, kind), eq(messageMedia.messageId, id)))
  await tx.insert(messageMedia).values({ kind, messageId: id, part, mime: staged.mime, ext: staged.ext, size: staged.size, path })
  const firstExt = sql`(select ${messageMedia.ext} from ${messageMedia} where ${messageMedia.kind} = ${kind} and ${messageMedia.messageId} = ${id} order by ${messageMedia.part} limit 1)`
  await tx.update(t).set({
    mediaType: firstExt,
    parts: sql`(select count(*)::int from ${messageMedia} where ${messageMedia.kind} = ${kind} and ${messageMedia.messageId} = ${id})`,
    size: sql`(select coalesce(sum(${messageMedia.size}), 0)::int from ${messageMedia} where ${messageMedia.kind} = ${kind} and ${messageMedia.messageId} = ${id})`,
    updatedAt: core.now(),
  }).where(eq(t.id, id))
  await mkdir(join(dir, kind, String(id)), { recursive: true })
  await rename(staged.tmp, join(dir, path))
  return append ? [] : existing.map((r) => r.path).filter((p) => p !== path)
}

/** Removes the files of replaced or deleted parts (after the commit that dropped their rows). */
export async function removeMediaFiles(core: Core, paths: string[]): Promise<void> {
  const dir = mediaDir(core)
  for (const p of paths) await rm(join(dir, p), { force: true }).catch(() => undefined)
  for (const folder of new Set(paths.map((p) => dirname(p)))) await rmdir(join(dir, folder)).catch(() => undefined)
}

/**
 * Stores an upload: `append` adds a part (documents), `replace` makes it the only part. Returns the
 * message id. The file is written to a temporary name and renamed into place as the last step of
 * the transaction; files of replaced parts are removed after the commit.
 */
export async function storeMedia(core: Core, actor: Actor, kind: MediaKind, id: number, upload: { bytes: Uint8Array; mime: string }, mode: 'append' | 'replace'): Promise<number> {
  requirePermission(actor, `${kind}_update`)
  await findVisibleMessage(core, actor, kind, id)
  const staged = await stageMedia(core, kind, upload)
  let replaced: string[] = []
  try {
    replaced = await core.db.transaction(async (tx) => {
      const t = common(kind)
      // The message row is the lock that orders concurrent uploads of one message.
      const [locked] = await tx.select({ id: t.id }).from(t).where(and(eq(t.id, id), messageScope(actor, kind))).for('update')
      if (!locked) throw new NotFound(ENTITY[kind], id)
      return placeMedia(core, tx, kind, id, staged, mode)
    })
  } catch (e) {
    await discardStaged([staged])
    throw e
  }
  await removeMediaFiles(core, replaced)
  return id
}

/** What `GET …/media` serves: the single file, or every part zipped; none → NotFound('Media'). */
export async function downloadMedia(core: Core, actor: Actor, kind: MediaKind, id: number): Promise<MediaDownload> {
  requirePermission(actor, `${kind}_read`)
  await findVisibleMessage(core, actor, kind, id)
  const files = await mediaFilesOf(core, kind, id)
  if (!files.length) throw new NotFound('Media', id)
  if (files.length === 1) {
    const f = files[0]!
    return { mime: f.mime, ext: f.ext, bytes: await readFile(f.path) }
  }
  const entries: Record<string, Uint8Array> = {}
  for (const [i, f] of files.entries()) entries[`${i + 1}.${f.ext}`] = await readFile(f.path)
  // Office and image formats are compressed already: stored entries cost no CPU.
  return { mime: 'application/zip', ext: 'zip', bytes: zipSync(entries, { level: 0 }) }
}

/** Deletes a visible message with its media rows; its files are removed after the commit. */
export async function deleteMessage(core: Core, actor: Actor, kind: MessageKind, id: number): Promise<void> {
  requirePermission(actor, `${kind}_delete`)
  await findVisibleMessage(core, actor, kind, id)
  const t = common(kind)
  const paths = await core.db.transaction(async (tx) => {
    // Waits for an upload in flight, so its part is deleted too.
    await tx.select({ id: t.id }).from(t).where(eq(t.id, id)).for('update')
    const gone = isMediaKind(kind)
      ? await tx.delete(messageMedia).where(and(eq(messageMedia.kind, kind), eq(messageMedia.messageId, id))).returning({ path: messageMedia.path })
      : []
    await tx.delete(t).where(eq(t.id, id))
    return gone.map((r) => r.path)
  })
  await removeMediaFiles(core, paths)
}
