import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** What the process holding a data directory publishes to other processes (CLI) on this machine. */
export interface LockInfo {
  pid: number
  /** Base URL of the running server, once it listens. */
  url?: string
  /** Token that authorises the local CLI on the server's native API (the file is mode 0600). */
  adminToken?: string
}

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string, readonly holder: LockInfo) {
    super(`data directory ${dataDir} is in use by process ${holder.pid}${holder.url ? ` (server at ${holder.url})` : ''}; stop it or use another DATA_DIR`)
  }
}

const FILE = 'switchboard.lock'

/**
 * The lock files this process holds. A lock naming this process is otherwise taken for stale (left by
 * an earlier process that had the same pid, as PID 1 in a restarted container); one in here is live:
 * a second holder in the same process (the CLI run in-process, as the tests do) is refused or waits.
 */
const heldHere = new Set<string>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live holder of a data directory, or null (a stale lock of a dead process counts as none). */
export function readDataDirLock(dataDir: string): LockInfo | null {
  try {
    const path = join(dataDir, FILE)
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo
    return info.pid && alive(info.pid) && (info.pid !== process.pid || heldHere.has(path)) ? info : null
  } catch {
    return null
  }
}

/**
 * Takes the data directory for this process (PGlite allows one process per directory).
 * A live holder → DataDirLocked; a stale lock file is replaced.
 */
export function acquireDataDirLock(dataDir: string): { update(info: Omit<LockInfo, 'pid'>): void; release(): void } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, JSON.stringify({ pid: process.pid }))
      closeSync(fd)
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e
      const holder = readDataDirLock(dataDir)
      if (holder) throw new DataDirLocked(dataDir, holder)
      try { unlinkSync(path) } catch { /* another process removed it first */ }
    }
  }
  heldHere.add(path)
  let released = false
  return {
    update(info) {
      // Written aside and renamed, so a reader never sees half a file (it would take the lock for stale).
      const tmp = `${path}.${process.pid}.tmp`
      writeFileSync(tmp, JSON.stringify({ ...info, pid: process.pid }), { mode: 0o600 })
      renameSync(tmp, path)
    },
    release() {
      if (released) return
      released = true
      heldHere.delete(path)
      try {
        const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo
        if (info.pid === process.pid) unlinkSync(path)
      } catch { /* already gone */ }
    },
  }
}
