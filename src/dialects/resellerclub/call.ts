import type { Config } from '../../config.ts'
import type { Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import type { Reseller } from '../../core/resellers/index.ts'
import type { RcParams } from './params.ts'
import type { ParamRule } from './validation.ts'
import type { RcValue } from './xml.ts'

/** What a call's handler works with: an authenticated reseller and validated parameters. */
export interface RcContext {
  core: Core
  config: Config
  reseller: Reseller
  actor: Actor
  params: RcParams
}

/** One API call of spec §4: its paths, method, parameters (in §4 order) and handler. */
export interface RcCall {
  /** Path without extension, e.g. `customers/details-by-id`; aliases answer identically. */
  path: string
  aliases?: readonly string[]
  method: 'GET' | 'POST'
  summary: string
  params: readonly ParamRule[]
  handle(ctx: RcContext): Promise<RcValue>
}
