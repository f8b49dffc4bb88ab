import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { SwitchboardApp } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { acquireDataDirLock } from '../../db/lock.ts'
import { defineCommand } from '../command.ts'
import { CliError, positiveInt } from '../output.ts'

/** How long a graceful stop may wait for in-flight requests before connections are cut. */
const STOP_GRACE_MS = 25_000

const command = defineCommand({
  name: 'serve',
  summary: 'run the server: the five dialects, the native API and /docs over HTTP, and the dispatcher',
  details: 'On PGlite (no DATABASE_URL) it takes DATA_DIR to itself. On a first start it creates the platform\n' +
    'admin user "admin" (password from SWITCHBOARD_ADMIN_PASSWORD, else generated and shown once).\n' +
    'SIGINT or SIGTERM stops it gracefully; a second signal cuts open connections.',
  options: {
    port: { type: 'string', value: 'N', description: 'port to listen on (default PORT or 8080; 0 picks a free one)' },
    host: { type: 'string', value: 'H', description: 'address to listen on (default HOST or 0.0.0.0)' },
    // API only; deliveries are left to `switchboard worker` processes (PostgreSQL).
    'no-dispatch': { type: 'boolean', description: 'API only: deliveries are left to `switchboard worker` processes (PostgreSQL)' },
  },
  examples: ['npx switchboard serve', 'SWITCHBOARD_ADMIN_PASSWORD=change-me npx switchboard serve --port 9000', 'DATABASE_URL=postgres://… npx switchboard serve --no-dispatch'],
  async run(values, out) {
    // The server's modules load when it runs, not for every other command (commands/index.ts lists them all).
    const [{ buildApp }, { ensureBootstrapAdmin, withdrawBootstrapAdmin }] = await Promise.all([import('../../app.ts'), import('../../core/users/index.ts')])
    const config = loadConfig(out.io.env)
    if (values.port !== undefined) config.port = values.port === '0' ? 0 : positiveInt('port', values.port)!
    if (values.host !== undefined) config.host = values.host

    // PGlite allows one process per directory: take it before opening (a second server is refused here).
    const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir)
    const adminToken = randomBytes(24).toString('base64url')
    let app: SwitchboardApp | undefined
    let generatedPassword: string | undefined
    try {
      app = await buildApp({ config, adminToken, dispatch: !values['no-dispatch'] })
      // Before listening, so the first request can log in; withdrawn if listening fails (port in use),
      // so a failed first start does not spend the one-time password, which is shown only once it listens.
      const admin = await ensureBootstrapAdmin(app.core, config.adminPassword)
      try {
        await app.listen()
      } catch (e) {
        if (admin.userId !== undefined) await withdrawBootstrapAdmin(app.core, admin.userId)
        if ((e as { code?: string }).code !== 'EADDRINUSE') throw e
        throw new CliError(`port ${config.port} on ${config.host} is in use (another switchboard, or another program): ` +
          'choose another with --port N or PORT=N')
      }
      generatedPassword = admin.generatedPassword
    } catch (e) {
      await app?.stop().catch(() => {})
      lock?.release()
      throw e
    }
    const running = app
    const url = localUrl(running.http.server.address() as AddressInfo)
    // To the operator on the terminal (stderr), never through the logger.
    out.io.stderr.write(banner(url, generatedPassword))
    lock?.update({ url, adminToken })
    running.core.log.info({ url, database: running.database.kind, dataDir: config.databaseUrl ? undefined : config.dataDir }, 'switchboard listening')

    await new Promise<void>((resolve) => {
      let stopping = false
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          // A second signal: stop waiting for in-flight requests (the database still closes cleanly).
          running.http.server.closeAllConnections()
          return
        }
        stopping = true
        running.core.log.info({ signal }, 'stopping: finishing in-flight requests')
        // Requests still open after the grace period are cut, so a stuck client cannot hold the stop forever.
        const cut = setTimeout(() => running.http.server.closeAllConnections(), STOP_GRACE_MS)
        cut.unref()
        running.stop()
          .catch((e: Error) => running.core.log.error({ err: { name: e.name } }, 'error while stopping'))
          .finally(() => {
            clearTimeout(cut)
            lock?.release()
            resolve()
          })
      }
      out.io.signals.on('SIGINT', stop)
      out.io.signals.on('SIGTERM', stop)
    })
    running.core.log.info('stopped')
    return 0
  },
})
export default command

/** The URL local clients use: a wildcard listen address is reached through loopback. */
function localUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
}

/** What serve prints when it listens: where things are, and on a first start the admin password and next steps. */
function banner(url: string, generatedPassword: string | undefined): string {
  const lines = ['', `Switchboard is listening on ${url}`, `  API docs  ${url}/docs`, `  health    ${url}/healthz`, `  metrics   ${url}/metrics`]
  if (generatedPassword) {
    lines.push('', `Created the platform admin user "admin" with password: ${generatedPassword}`,
      'It is shown only this once. Set SWITCHBOARD_ADMIN_PASSWORD before the first start to choose it;',
      'npx switchboard user password --username admin sets a new one.',
      '', 'Next: npx switchboard reseller create --name "Your Company" --username yourco',
      '      then see the README\'s "Dialects by example".')
  }
  return `${lines.join('\n')}\n\n`
}
