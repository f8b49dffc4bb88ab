import { getSpool, listSpoolResults, listSpools, spoolStatus } from '../../../core/transmissions/index.ts'
import type { DialectOptions } from '../../dialect.ts'
import { listQueryIn } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'
import { RESULT_FILTERS, resultOut, SPOOL_FILTERS, spoolOut } from './transmissions.ts'

/** `/spools` reports (spec/ictcore.md §4.8). */
export function spoolRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.get('/spools', async ({ req, actor, query }) => (await listSpools(core, actor, listQueryIn(req, query, SPOOL_FILTERS))).map(spoolOut))
  r.get('/spools/:spool_id', async ({ actor, params }) => spoolOut(await getSpool(core, actor, params.spool_id as number)))
  r.get('/spools/:spool_id/status', async ({ actor, params }) => spoolStatus(core, actor, params.spool_id as number))
  for (const alias of ['result', 'results']) {
    r.get(`/spools/:spool_id/${alias}`, async ({ req, actor, params, query }) =>
      (await listSpoolResults(core, actor, params.spool_id as number, listQueryIn(req, query, RESULT_FILTERS))).map(resultOut))
  }
}
