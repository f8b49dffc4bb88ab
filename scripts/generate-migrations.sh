#!/usr/bin/env bash
# Writes the SQL migration for schema changes into drizzle/ (drizzle-kit generate).
# Usage: npm run db:generate -- [--name NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/switchboard-db-generate.lock
flock 9
npx drizzle-kit generate "$@"
