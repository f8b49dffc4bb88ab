import type { Core } from '../../core/core.ts'
import { authenticateApiKey, type Reseller } from '../../core/resellers/index.ts'

/**
 * The reseller whose API key is the request's `License` (spec/porta.md: a path segment or a DTO
 * field), through the core's cached API-key check; concurrent checks of one key run once.
 */
export function authenticateLicense(core: Core, license: string): Promise<Reseller> {
  return core.credentials.verifyOnce(['porta', license], () => authenticateApiKey(core, 'porta', license))
}
