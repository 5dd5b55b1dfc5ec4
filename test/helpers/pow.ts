// Solves the server's proof-of-work challenge as the portal would.
import type { FastifyInstance } from 'fastify';
import { solveChallenge } from 'altcha-lib/v1';

export async function solvePow(app: FastifyInstance): Promise<string> {
  const c = (await app.inject({ method: 'GET', url: '/api/v1/public/challenge' })).json<{ algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number }>();
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error('no solution');
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature })).toString('base64');
}
