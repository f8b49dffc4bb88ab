#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx switchboard …` works straight after `npm ci`.
import { register } from 'tsx/esm/api'
import { fileURLToPath, URL } from 'node:url'
register()
// Before anything imports drizzle-orm (src/module-hooks.ts says why).
await import(fileURLToPath(new URL('../src/module-hooks.ts', import.meta.url)))
await import(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)))
