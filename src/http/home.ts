import type { FastifyInstance } from 'fastify'
import { textReply } from './docs.ts'

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}a{color:#0645ad}code{background:#f3f3f3;padding:0 .2em}</style>
</head><body>
<h1>Switchboard</h1>
<p>Telecom provisioning and communications server: ICTCore, Packetera, ResellerClub, Porta and Delacon dialects over one core.</p>
<ul>
<li><a href="/docs">API reference</a> (<a href="/docs/json">OpenAPI JSON</a>)</li>
<li><a href="/healthz">Health</a></li>
<li><a href="/metrics">Metrics</a> (Prometheus)</li>
</ul>
<p>Operators: <code>npx switchboard --help</code>.</p>
</body></html>
`

/** `GET /`: a small page that says what this is and links the docs, health and metrics. */
export function registerHome(app: FastifyInstance): void {
  app.get('/', { schema: { tags: ['system'], summary: 'This server\'s home page: links to the docs, health and metrics', response: { 200: textReply('text/html', 'The home page') } } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(PAGE))
}
