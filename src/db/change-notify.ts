import { sql } from 'drizzle-orm'
import pg from 'pg'
import type { Db } from './client.ts'

/**
 * Cross-process change notices on PostgreSQL: a statement-level trigger on every table sends
 * `NOTIFY switchboard_changes, '<table>'` (delivered at commit), and each process listens, so
 * read caches of every API and worker process drop what another process changed.
 */
export const CHANGE_CHANNEL = 'switchboard_changes'

/**
 * Tables nothing is cached from, written several times a second by every process (the per-address
 * request counts, issue 13 finding 3): a notice of each write would only wake every process.
 */
const UNWATCHED_TABLES = new Set(['address_requests'])

/** Creates (or replaces) the notify trigger on every table of the schema but UNWATCHED_TABLES. Run under the migration lock. */
export async function installChangeTriggers(db: Db): Promise<void> {
  await db.execute(sql.raw(`
    create or replace function switchboard_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('${CHANGE_CHANNEL}', tg_table_name);
      return null;
    end $$`))
  const rows = await db.execute(sql`select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '\\_\\_%'`)
  const tables = ((rows as unknown as { rows: { table_name: string }[] }).rows ?? (rows as unknown as { table_name: string }[])).map((r) => r.table_name)
  for (const t of tables) {
    if (UNWATCHED_TABLES.has(t)) {
      await db.execute(sql.raw(`drop trigger if exists switchboard_changes on "${t}"`))
      continue
    }
    await db.execute(sql.raw(`create or replace trigger switchboard_changes after insert or update or delete or truncate
      on "${t.replace(/"/g, '""')}" for each statement execute function switchboard_notify_change()`))
  }
}

/**
 * Listens for change notices on a dedicated connection. `onChange(table)` for each notice;
 * `onConnection(true|false)` when listening starts or the connection is lost (caches must not be
 * trusted while it is down). Reconnects until stopped.
 */
export class ChangeListener {
  private client: pg.Client | null = null
  private stopped = false
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly connectionString: string,
    private readonly onChange: (table: string) => void,
    private readonly onConnection: (up: boolean) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect()
  }

  private async connect(): Promise<void> {
    if (this.stopped) return
    const client = new pg.Client({ connectionString: this.connectionString })
    const lost = () => {
      if (this.client !== client) return
      this.client = null
      this.onConnection(false)
      client.end().catch(() => {})
      if (!this.stopped) this.timer = setTimeout(() => { void this.connect() }, 500)
    }
    client.on('error', lost)
    client.on('end', lost)
    client.on('notification', (n) => { if (n.channel === CHANGE_CHANNEL && n.payload) this.onChange(n.payload) })
    try {
      await client.connect()
      await client.query(`listen ${CHANGE_CHANNEL}`)
      this.client = client
      this.onConnection(true)
    } catch {
      client.end().catch(() => {})
      if (!this.stopped) this.timer = setTimeout(() => { void this.connect() }, 500)
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    const c = this.client
    this.client = null
    if (c) await c.end().catch(() => {})
  }
}
