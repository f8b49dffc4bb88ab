import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const PRIVATE_DIR = 0o700
const PRIVATE_FILE = 0o600

/**
 * Makes the data directory readable by this process's user only: from now on this process creates
 * files 0600 and directories 0700 (umask 077: PGlite's files, media, keys, the lock), the directory is
 * created 0700, and an existing one is tightened, everything in it included. Returns the paths that
 * were looser than that (the caller warns: another local user may have read them).
 */
export function securePrivateDataDir(dataDir: string): string[] {
  process.umask(0o077)
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR })
  return tightenTree(dataDir)
}

/**
 * Sets every directory under `root` (itself included) to 0700 and every file to 0600 where it was
 * looser, without following symbolic links; returns the paths it changed. PGlite writes the files of
 * a new database with the modes of its bundled image (0666), whatever the umask: run again once it
 * has opened.
 */
export function tightenTree(root: string): string[] {
  const changed: string[] = []
  const walk = (path: string) => {
    let st
    try {
      st = lstatSync(path)
    } catch {
      return // removed meanwhile (a WAL segment recycled)
    }
    if (st.isSymbolicLink()) return
    const want = st.isDirectory() ? PRIVATE_DIR : PRIVATE_FILE
    if ((st.mode & 0o077) !== 0) {
      chmodSync(path, st.mode & want & 0o777)
      changed.push(path)
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(root)
  return changed
}
