import Fastify from 'fastify'

// The baseline: a bare Fastify hello-world, started as a child process exactly like the server.
const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
const address = await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
process.stdout.write(`listening ${address}\n`)
const stop = () => { void app.close().then(() => process.exit(0)) }
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
