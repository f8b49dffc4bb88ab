import * as nodeModule from 'node:module'

// Loaded before anything else (`--import`, or first in bin/switchboard.js): drizzle-orm is resolved
// to its CommonJS build. On Node 24 every ES module file of a package makes the loader re-read the
// package's package.json, and drizzle-orm's (179 KB of exports) is read for each of its ~1,000 files:
// importing it took 1.2-1.4 s and a 280 MB peak RSS, its CommonJS build 0.2 s and 66 MB (measured
// 2026-12-07, docs/decisions/platform.md "Loading drizzle-orm"). Same code, same classes: the
// package ships both builds from one source.

const DRIZZLE = /^drizzle-orm(\/|$)/

// registerHooks is in Node ≥ 22.15; without it the ES build loads as before.
const registerHooks = (nodeModule as { registerHooks?: (hooks: { resolve: ResolveHook }) => unknown }).registerHooks
type ResolveHook = (specifier: string, context: { conditions: string[] }, next: (specifier: string, context?: { conditions: string[] }) => unknown) => unknown

registerHooks?.({
  resolve(specifier, context, next) {
    return DRIZZLE.test(specifier) ? next(specifier, { ...context, conditions: ['node', 'require', 'default'] }) : next(specifier, context)
  },
})
