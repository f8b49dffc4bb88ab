/**
 * Tells this process which tables its own statements have changed, as soon as the change is
 * committed: an autocommit write when its query returns, a transaction's writes when COMMIT returns.
 * Read caches use it to stay exact for read-your-writes in one process (other processes learn of
 * changes through change-notify.ts).
 */
export type WriteListener = (tables: readonly string[]) => void

export class WriteFeed {
  private readonly listeners: WriteListener[] = []

  subscribe(listener: WriteListener): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  /** Reports committed changes; `*` means "something, unknown what". */
  committed(tables: Iterable<string>): void {
    const list = [...tables]
    if (list.length) for (const l of this.listeners) l(list)
  }
}

const WRITE = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into)\s+(?:only\s+)?(?:"?\w+"?\.)?"?(\w+)"?/i
const MAYBE_WRITE = /\b(insert|update|delete|truncate|merge|alter|drop|create|copy)\b/i
const ROW_LOCK = /\bfor\s+(?:no\s+key\s+update|update|key\s+share|share)\b/gi
const READ_ONLY = /^\s*(select|show|explain|set|reset|listen|unlisten|begin|start|savepoint|release|commit|rollback|end|prepare|deallocate)\b/i

/**
 * The table a statement writes, `*` when it may write something we cannot name (DDL, a writing
 * CTE we do not parse), or null for a read. Drizzle writes `insert into "t"`, `update "t"`, `delete from "t"`.
 */
export function tableWrittenBy(sqlText: string): string | null {
  const m = WRITE.exec(sqlText)
  if (m) return m[2]!.toLowerCase()
  // Quoted text and row-locking clauses (`for update`, `for no key update`, `for share`) change no data.
  const bare = sqlText.replace(/'[^']*'/g, '').replace(ROW_LOCK, '')
  if (READ_ONLY.test(sqlText) && !/^\s*select\b[\s\S]*\b(insert|update|delete)\b/i.test(bare)) return null
  return MAYBE_WRITE.test(bare) ? '*' : null
}

const BEGIN = /^\s*(begin|start\s+transaction)\b/i
const COMMIT = /^\s*(commit|end)\b/i
const ROLLBACK = /^\s*rollback\s*(;|$)/i

/**
 * Tracks one connection's statements: autocommit writes are reported when they return, writes
 * inside BEGIN … COMMIT when COMMIT returns (a ROLLBACK reports nothing).
 */
export class ConnectionWriteTracker {
  private inTransaction = false
  private readonly pending = new Set<string>()

  constructor(private readonly feed: WriteFeed) {}

  /** Call after a statement completed successfully. */
  completed(sqlText: string): void {
    if (BEGIN.test(sqlText)) {
      this.inTransaction = true
      this.pending.clear()
      return
    }
    if (COMMIT.test(sqlText)) {
      this.inTransaction = false
      this.feed.committed(this.pending)
      this.pending.clear()
      return
    }
    if (ROLLBACK.test(sqlText)) {
      this.inTransaction = false
      this.pending.clear()
      return
    }
    const table = tableWrittenBy(sqlText)
    if (!table) return
    if (this.inTransaction) this.pending.add(table)
    else this.feed.committed([table])
  }

  /** A failed statement inside a transaction: the transaction will be rolled back. */
  failed(sqlText: string): void {
    if (COMMIT.test(sqlText)) {
      this.inTransaction = false
      // The outcome of a failed COMMIT is unknown: report everything it may have written.
      this.feed.committed(this.pending.size ? this.pending : ['*'])
      this.pending.clear()
    }
  }
}
