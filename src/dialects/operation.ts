import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify'

// House style "A dialect route only translates": every dialect has the same shape whatever its wire
// style — one file per wire operation (its wire id, parse, core call and render) and one table per
// dialect (`<dialect>/operations.ts`) that the dialect's plugin routes from and the tests enumerate.
// Each dialect keeps its own transport (parsers, auth, envelopes); this is only where an operation
// lives and that a table lists it.

/** The dialects that serve operations. */
export type DialectName = 'ictcore' | 'packetera' | 'resellerclub' | 'porta' | 'delacon' | 'native'

/**
 * One wire operation of a dialect. `Serve` is the dialect's own way of serving it: a Fastify route
 * for REST dialects (`RouteServe`); a transaction runner or an RC call for dispatching dialects.
 */
export interface DialectOperation<Serve> {
  /** The name the dialect's spec gives the operation, unique in its table (`provision`, `POST /users`, `AddMember`). */
  readonly wireId: string
  /** The HTTP methods that reach it. */
  readonly methods: readonly HTTPMethods[]
  /**
   * Its path under the dialect's prefix, as a Fastify pattern (`/rest/config/updatecustomer/*`, `/resellers/:id`).
   * In a dispatching table, where the dispatch route reaches it (Porta `/GetAccounts/:License/:ICustomer`,
   * Packetera's one `/cbc_APIs.aspx`).
   */
  readonly path: string
  /** One line for the OpenAPI document. */
  readonly summary: string
  /** Parse, core call, render. */
  readonly serve: Serve
}

/**
 * The one Fastify route through which a dispatching dialect serves every operation of its table:
 * Packetera's `cbc_APIs.aspx` picks one by TransactionType, Porta's catch-all by its §3 matching.
 */
export interface DispatchRoute {
  readonly methods: readonly HTTPMethods[]
  readonly path: string
}

/** What a dialect's `operations.ts` exports: its name and every operation it serves. */
export interface OperationTable<Serve> {
  readonly dialect: DialectName
  readonly operations: readonly DialectOperation<Serve>[]
  /**
   * Set by dispatching dialects only: the route that reaches every operation, which then looks the
   * operation up in the table (operations may share a method and path; wire ids stay unique).
   * Absent for REST dialects, where each operation's methods and path are its own Fastify route.
   */
  readonly dispatch?: DispatchRoute
}

/** A REST operation's route given the dialect's dependencies: hooks, schema (beyond the summary) and handler. */
export type RouteServe<Deps> = (deps: Deps) => Omit<RouteOptions, 'method' | 'url'>

/** An operation served as one Fastify route. */
export type RouteOperation<Deps> = DialectOperation<RouteServe<Deps>>

/** Declares a REST operation (a typed identity: the object literal is checked against the skeleton). */
export function routeOperation<Deps>(op: RouteOperation<Deps>): RouteOperation<Deps> {
  return op
}

/** Routes every operation of a REST dialect's table in its (prefixed, encapsulated) scope. */
export function routeOperations<Deps>(app: FastifyInstance, table: OperationTable<RouteServe<Deps>>, deps: Deps): void {
  for (const op of table.operations) {
    const route = op.serve(deps)
    app.route({
      ...route,
      method: [...op.methods],
      url: op.path,
      schema: { summary: op.summary, tags: [table.dialect], ...route.schema },
    })
  }
}

/** What a test (or a docs generator) sees of an operation: no behaviour, only where it is on the wire. */
export interface OperationEntry {
  dialect: DialectName
  wireId: string
  methods: readonly HTTPMethods[]
  path: string
  summary: string
}

/** The entries of a table, in table order. */
export function tableEntries(table: OperationTable<unknown>): OperationEntry[] {
  return table.operations.map(({ wireId, methods, path, summary }) => ({ dialect: table.dialect, wireId, methods, path, summary }))
}
