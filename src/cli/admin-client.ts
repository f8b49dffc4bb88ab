import { Readable } from 'node:stream'
import { loadConfig } from '../config.ts'
import { PAGE_MAX, type Page } from '../core/kernel/pages.ts'
import type { AddNumbersInput, CreateResellerInput, CreateUserInput, ResellerSummary, ResetPasswordInput } from '../core/platform/index.ts'
import type { PartnerSettingsPatch, PartnerSettingsView } from '../core/resellers/index.ts'
import { acquireDataDirLock, DataDirLocked, readDataDirLock, type LockInfo } from '../db/lock.ts'
import { CliError, type CliIo } from './output.ts'

/** The platform operations a CLI command performs, wherever the database is. */
export interface AdminClient {
  /** `direct` (this process opened the database) or `server` (through a running server's native API). */
  readonly via: 'direct' | 'server'
  createReseller(input: CreateResellerInput): Promise<{ id: number; username: string; apiKey: string }>
  listResellers(): Promise<ResellerSummary[]>
  createUser(input: CreateUserInput): Promise<{ id: number }>
  resetUserPassword(input: ResetPasswordInput): Promise<{ id: number; username: string; password?: string }>
  addNumbers(input: AddNumbersInput): Promise<{ added: number }>
  rotateJwtSigningKey(): Promise<{ rotated: true }>
  /** A partner's settings (secrets only as set / not set). */
  getResellerSettings(resellerId: number): Promise<PartnerSettingsView>
  /** Changes some of a partner's settings; a secret set or generated comes back once in `shownOnce`. */
  updateResellerSettings(resellerId: number, patch: PartnerSettingsPatch): Promise<PartnerSettingsView & { shownOnce?: Record<string, string> }>
  /**
   * One native API call (`path` under `/native`, a JSON body): through the running server, or
   * in-process over this process's database with the same routes, so both ways answer alike.
   * A 4xx/5xx reply becomes a CliError with the reply's `error`.
   */
  native<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>
  /** A native POST whose body is streamed from `source` (a file), read by the route as it arrives. */
  upload<T = Record<string, unknown>>(path: string, source: Readable, contentType: string): Promise<T>
  close(): Promise<void>
}

/** How long a command waits for a starting server (or another command) to settle on a PGlite directory. */
const SETTLE_MS = 30_000

/**
 * Opens the client the configuration (`io`'s environment) calls for. PostgreSQL (DATABASE_URL): directly,
 * any number of processes. PGlite: through the server holding DATA_DIR when there is one, else directly
 * under the lock.
 */
export async function openAdminClient(io: CliIo): Promise<AdminClient> {
  const config = loadConfig(io.env)
  // The direct client (the whole core, the database driver) is loaded only when it is used: a command
  // that goes through a running server starts in a fraction of the time.
  const { openDirectClient } = await import('./direct-client.ts')
  if (config.databaseUrl) return openDirectClient(config, io, { databaseUrl: config.databaseUrl, poolSize: 2 }, () => {})
  const deadline = Date.now() + SETTLE_MS
  let holder: LockInfo | null = null
  while (Date.now() < deadline) {
    holder = readDataDirLock(config.dataDir)
    if (holder?.url && holder.adminToken) return serverClient(holder.url, holder.adminToken)
    if (!holder) {
      let lock: ReturnType<typeof acquireDataDirLock>
      try {
        lock = acquireDataDirLock(config.dataDir)
      } catch (e) {
        if (e instanceof DataDirLocked) continue
        throw e
      }
      try {
        return await openDirectClient(config, io, { dataDir: config.dataDir }, () => lock.release())
      } catch (e) {
        lock.release()
        throw e
      }
    }
    // A server that has not published its URL yet, or another command: wait for it.
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new CliError(new DataDirLocked(config.dataDir, holder ?? { pid: 0 }).message)
}

/** A native reply's JSON (null for 204), or a CliError with its `error`. */
export function nativeReply<T>(status: number, text: string): T {
  let json: unknown = null
  try { json = text ? JSON.parse(text) : null } catch { /* not JSON: reported below */ }
  if (status >= 400) {
    const error = (json as { error?: unknown } | null)?.error
    throw new CliError(typeof error === 'string' ? error : `the server answered ${status}`)
  }
  return json as T
}

/** Every row of a paged collection, a page of PAGE_MAX at a time. */
export async function everyPage<T>(read: (page: { limit: number; offset: number }) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = []
  for (;;) {
    const page = await read({ limit: PAGE_MAX, offset: all.length })
    all.push(...page.items)
    if (!page.items.length || all.length >= page.total) return all
  }
}

/** The CliError of a request that never reached the server (refused, reset): the cause's words. */
function unreachable(baseUrl: string, e: unknown): CliError {
  const err = e as Error
  return new CliError(`cannot reach the server at ${baseUrl}: ${err.cause instanceof Error ? err.cause.message : err.message}`)
}

function serverClient(baseUrl: string, adminToken: string): AdminClient {
  // One request path for every call: the typed operations go through `native` like the generic one.
  const native = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    let res: Response
    try {
      res = await fetch(`${baseUrl}/native${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (e) {
      throw unreachable(baseUrl, e)
    }
    return nativeReply<T>(res.status, await res.text())
  }
  return {
    via: 'server',
    native,
    async upload<T>(path: string, source: Readable, contentType: string): Promise<T> {
      let res: Response
      try {
        res = await fetch(`${baseUrl}/native${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': contentType },
          body: Readable.toWeb(source) as ReadableStream,
          duplex: 'half',
        } as RequestInit)
      } catch (e) {
        throw unreachable(baseUrl, e)
      }
      return nativeReply<T>(res.status, await res.text())
    },
    createReseller: (input) => native('POST', '/resellers', input),
    listResellers: async () => (await everyPage((page) =>
      native<Page<Omit<ResellerSummary, 'createdAt'> & { createdAt: string }>>('GET', `/resellers?limit=${page.limit}&offset=${page.offset}`, undefined)))
      .map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
    createUser: (input) => native('POST', '/users', input),
    resetUserPassword: (input) => native('POST', '/users/password', input),
    addNumbers: (input) => native('POST', '/numbers', input),
    rotateJwtSigningKey: () => native('POST', '/jwt/rotate', {}),
    getResellerSettings: (id) => native('GET', `/resellers/${id}/settings`, undefined),
    updateResellerSettings: (id, patch) => native('PUT', `/resellers/${id}/settings`, patch),
    async close() {},
  }
}
