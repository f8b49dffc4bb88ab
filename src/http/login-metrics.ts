import { Counter, type Registry } from 'prom-client'
import type { LimitScope } from '../core/errors.ts'
import type { LoginLimitEvents } from '../core/login-limits/index.ts'

/**
 * The login limits in /metrics (issue 13 finding 3): failed logins by dialect, refusals by dialect
 * and scope (a locked credential, an address over its failures), and requests refused by the
 * per-address request limit. Made before the core (which reports to them), registered with /metrics.
 */
export class LoginMetrics implements LoginLimitEvents {
  private readonly failures = new Counter({
    name: 'switchboard_login_failures_total', help: 'Failed logins (wrong or unknown credentials), by dialect.',
    labelNames: ['dialect'] as const, registers: [],
  })
  private readonly refusals = new Counter({
    name: 'switchboard_login_limited_total', help: 'Logins refused without a check while the credential or the client address was locked, by dialect and scope.',
    labelNames: ['dialect', 'scope'] as const, registers: [],
  })
  private readonly requests = new Counter({
    name: 'switchboard_requests_limited_total', help: 'Requests refused by the per-address request limit, by dialect.',
    labelNames: ['dialect'] as const, registers: [],
  })

  failed(dialect: string): void {
    this.failures.inc({ dialect })
  }

  limited(dialect: string, scope: LimitScope): void {
    this.refusals.inc({ dialect, scope })
  }

  requestLimited(dialect: string): void {
    this.requests.inc({ dialect })
  }

  register(registry: Registry): void {
    registry.registerMetric(this.failures)
    registry.registerMetric(this.refusals)
    registry.registerMetric(this.requests)
  }
}
