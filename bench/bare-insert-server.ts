// The baseline of DESIGN §9: a bare Fastify route doing one INSERT, on the same database and pool size.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.ZHITONG_DB_POOL_MAX ?? 20) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
const app = Fastify({ logger: false });
app.post('/bare', async (request, reply) => {
  const body = request.body as { content?: string };
  const r = await pool.query<{ id: string }>('INSERT INTO bench_bare (body) VALUES ($1) RETURNING id', [body.content ?? '']);
  return reply.status(201).send({ id: r.rows[0]?.id });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
