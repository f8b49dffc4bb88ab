import { resolve } from 'node:path'

/** Deployment settings, all from the environment (README "Configuration" lists each). */
export interface Config {
  port: number
  host: string
  /** PGlite data, media, the secret key file and the lock live here. */
  dataDir: string
  databaseUrl?: string
  /** PGlite's shared_buffers (its page cache inside the process), e.g. `32MB`. */
  pgliteSharedBuffers?: string
  /** Uploaded message media (ICTCore §9); default `<dataDir>/media`. */
  mediaDir?: string
  /** ICTCore group CSV import limit in bytes (§8); default 256 MiB. */
  csvMaxBytes?: number
  adminPassword?: string
  /** 32-byte key (base64 or hex) encrypting device secrets at rest; default: `<dataDir>/secret.key`. */
  secretKey?: string
  logLevel: string
  /** LOG_FORMAT: `json`, `pretty`, or `auto` (human lines on a terminal, JSON when piped). */
  logFormat: 'json' | 'pretty' | 'auto'
  /** Public base URL used in absolute links (Packetera publish code, JWT `iss`); default: from the request. */
  publicBaseUrl?: string
  /** SMTP_FROM: the sender of email when an email provider sets none (spec/gateways.md §4). */
  smtpFrom?: string
  /** SMTP_URL: the server's default mail transport when no email provider exists (spec/gateways.md §4). */
  smtpUrl?: string
  /** SMTP_LISTEN (`2525` or `host:port`): Switchboard accepts inbound email over SMTP there (spec/gateways.md §4). */
  smtpListen?: string
  /** SMTP_TLS_CERT / SMTP_TLS_KEY: PEM files; the inbound listener offers STARTTLS with them. */
  smtpTlsCert?: string
  smtpTlsKey?: string
  jwtTtlSeconds: number
  credentialCacheTtlMs: number
  /** ResellerClub `resellerclub.tokenTtlSeconds`: how long a customer login token stays redeemable. */
  resellerclubTokenTtlSeconds: number
  /** Failed-login and per-address request limits (issue 13 finding 3; README "Configuration"). 0 turns one off. */
  limits: LimitsConfig
  /** Dispatcher timing and batch sizes (spec/ictcore.md §7.1, §7.2; README "Configuration"). */
  dispatch: DispatchConfig
  prefixes: { ictcore: string; packetera: string; resellerclub: string; porta: string; delacon: string }
  /** Packetera hosted pages (spec/packetera.md §9); unset values take the spec's defaults. */
  packetera?: PacketeraConfig
}

export interface PacketeraConfig {
  /** `packetera.trustProxy`: the visitor's address is the leftmost `X-Forwarded-For` entry. */
  trustProxy?: boolean
  /** Created callback requests per visitor address per window (default 5 per 15 minutes). */
  perAddressMax?: number
  perAddressWindowSeconds?: number
  /** Created callback requests per button per window (default 20 per hour). */
  perButtonMax?: number
  perButtonWindowSeconds?: number
  /** A callback request still `requested` this long fails `expired` (default 600 s). */
  callbackExpirySeconds?: number
}

export interface LimitsConfig {
  /** Failed logins of one credential (login name, reseller id or name) that lock it. */
  loginMaxFailures: number
  /** The first lock, doubled by each further failure until a success. */
  loginLockBaseSeconds: number
  /** The longest lock (and how long failures are remembered after the last one or its lock). */
  loginLockMaxSeconds: number
  /** Requests per minute from one client address (IPv6: its /64), every route but health and metrics. */
  addressMaxRequestsPerMinute: number
  /** Failed logins per minute from one client address; then its logins are refused until the minute ends. */
  addressMaxFailuresPerMinute: number
}

export interface DispatchConfig {
  /** Delay of an automatic retry after a failed attempt, and after "no provider" (spec: 60 s). */
  retryDelaySeconds: number
  /** Watchdog: a spool with no gateway event for this long fails with response "timeout" (spec default 1800 s). */
  spoolTimeoutSeconds: number
  /** A worker's claim on a spool lasts this long unless renewed; a dead worker's spools return after it. */
  leaseSeconds: number
  /** Spools claimed per batch; also the most a worker has in flight (the bound on re-sends after a crash). */
  claimBatch: number
  /** The dispatch loops' rhythm while there is work, and their shortest idle wait. */
  tickMs: number
  /** The longest an idle dispatch loop waits before it looks again (writes and due work wake it sooner). */
  idleMaxMs: number
  /** How long a partner callback waits for its answer (spec/delacon.md §9: 10 s). */
  callbackTimeoutMs?: number
}

function int(v: string | undefined, fallback: number): number {
  const n = v === undefined || v === '' ? NaN : Number(v)
  return Number.isInteger(n) ? n : fallback
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 8080),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    // 32MB instead of PGlite's 128MB: ~90 MB less resident, campaign dispatch as fast (docs/decisions/platform.md).
    pgliteSharedBuffers: env.PGLITE_SHARED_BUFFERS || '32MB',
    mediaDir: env.MEDIA_DIR ? resolve(env.MEDIA_DIR) : undefined,
    csvMaxBytes: int(env.CSV_MAX_BYTES, 268_435_456),
    adminPassword: env.SWITCHBOARD_ADMIN_PASSWORD || undefined,
    secretKey: env.SWITCHBOARD_SECRET_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : 'auto',
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, '') || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    smtpListen: env.SMTP_LISTEN || undefined,
    smtpTlsCert: env.SMTP_TLS_CERT || undefined,
    smtpTlsKey: env.SMTP_TLS_KEY || undefined,
    jwtTtlSeconds: int(env.JWT_TTL_SECONDS, 31_104_000),
    credentialCacheTtlMs: int(env.CREDENTIAL_CACHE_TTL_MS, 30_000),
    resellerclubTokenTtlSeconds: int(env.RESELLERCLUB_TOKEN_TTL_SECONDS, 120),
    limits: {
      loginMaxFailures: int(env.SWITCHBOARD_LOGIN_MAX_FAILURES, 5),
      loginLockBaseSeconds: int(env.SWITCHBOARD_LOGIN_LOCK_BASE_SECONDS, 1),
      loginLockMaxSeconds: int(env.SWITCHBOARD_LOGIN_LOCK_MAX_SECONDS, 900),
      addressMaxRequestsPerMinute: int(env.SWITCHBOARD_ADDRESS_MAX_REQUESTS_PER_MINUTE, 6000),
      addressMaxFailuresPerMinute: int(env.SWITCHBOARD_ADDRESS_MAX_FAILURES_PER_MINUTE, 30),
    },
    dispatch: {
      retryDelaySeconds: int(env.RETRY_DELAY_SECONDS, 60),
      spoolTimeoutSeconds: int(env.SPOOL_TIMEOUT_SECONDS, 1800),
      leaseSeconds: int(env.DISPATCH_LEASE_SECONDS, 30),
      claimBatch: int(env.DISPATCH_BATCH, 500),
      tickMs: int(env.DISPATCH_TICK_MS, 100),
      idleMaxMs: int(env.DISPATCH_IDLE_MAX_MS, 2000),
      callbackTimeoutMs: int(env.CALLBACK_TIMEOUT_MS, 10_000),
    },
    packetera: {
      trustProxy: env.PACKETERA_TRUST_PROXY === 'true',
      perAddressMax: int(env.PACKETERA_CALLBACKS_PER_ADDRESS, 5),
      perAddressWindowSeconds: int(env.PACKETERA_CALLBACKS_PER_ADDRESS_WINDOW_SECONDS, 900),
      perButtonMax: int(env.PACKETERA_CALLBACKS_PER_BUTTON, 20),
      perButtonWindowSeconds: int(env.PACKETERA_CALLBACKS_PER_BUTTON_WINDOW_SECONDS, 3600),
      callbackExpirySeconds: int(env.PACKETERA_CALLBACK_EXPIRY_SECONDS, 600),
    },
    prefixes: {
      ictcore: '/api',
      packetera: env.PACKETERA_PREFIX ?? '/packetera',
      resellerclub: env.RESELLERCLUB_PREFIX ?? '/resellerclub',
      porta: env.PORTA_PREFIX ?? '/porta',
      delacon: env.DELACON_PREFIX ?? '/delacon',
    },
  }
}
