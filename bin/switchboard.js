#!/usr/bin/env -S node --max-semi-space-size=8
// Runs the TypeScript CLI through tsx so `npx switchboard …` works straight after `npm ci`.
// --max-semi-space-size=8: V8's young generation at 8 MB instead of its default, about 120 MB less
// resident for the same CPU per request (docs/decisions/platform.md "Footprint"); npm start, the
// systemd unit, the Dockerfile and the benches start the server with the same flag.
import { register } from 'tsx/esm/api'
import { fileURLToPath, URL } from 'node:url'
register()
// Before anything imports drizzle-orm (src/module-hooks.ts says why).
await import(fileURLToPath(new URL('../src/module-hooks.ts', import.meta.url)))
await import(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)))
