import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { pinoRedactPaths, redactLogLine } from '../../src/security/redact.js';

describe('redactLogLine', () => {
  it('masks passwords in URLs and keeps the rest', () => {
    expect(redactLogLine('connecting to postgres://zhitong_app:s3cr3t@db.local:5432/zhitong')).toBe(
      'connecting to postgres://zhitong_app:***@db.local:5432/zhitong',
    );
    expect(redactLogLine('postgresql://u:p@ss:w0rd@host/db')).toBe('postgresql://u:***@host/db');
    expect(redactLogLine('https://smtp:pw@mail.example.cn and https://example.cn/path')).toBe('https://smtp:***@mail.example.cn and https://example.cn/path');
  });

  it('masks password assignments in connection strings, env dumps and JSON', () => {
    expect(redactLogLine('host=/tmp/pg user=app password=hunter2 dbname=z')).toBe('host=/tmp/pg user=app password=*** dbname=z');
    expect(redactLogLine('PGPASSWORD=hunter2 psql')).toBe('PGPASSWORD=*** psql');
    expect(redactLogLine('{"user":"a","password":"hu\\"nter2","x":1}')).toBe('{"user":"a","password":"***","x":1}');
    expect(redactLogLine("password = 'a b c'")).toBe("password = '***'");
  });

  it('masks ten-digit runs that could be query codes, not longer or shorter ones', () => {
    expect(redactLogLine('track 2025000123 code 0123456789 ok')).toBe('track [redacted] code [redacted] ok');
    expect(redactLogLine('ts=1718000000123 n=123456789 phone=13800138000')).toBe('ts=1718000000123 n=123456789 phone=13800138000');
    expect(redactLogLine('code:0123456789,')).toBe('code:[redacted],');
  });

  it('drops PostgreSQL DETAIL content, as text and inside JSON', () => {
    expect(redactLogLine('ERROR:  duplicate key value violates unique constraint "reporter_phone_idx"\nDETAIL:  Key (phone_idx)=(\\x1234) already exists.')).toBe(
      'ERROR:  duplicate key value violates unique constraint "reporter_phone_idx"\nDETAIL: [redacted]',
    );
    expect(redactLogLine('{"err":{"code":"23505","detail":"Key (x)=(y) already exists.","table":"t"}}')).toBe(
      '{"err":{"code":"23505","detail":"[redacted]","table":"t"}}',
    );
  });

  it('leaves ordinary lines alone', () => {
    const line = '{"level":30,"route":"/api/v1/public/reports","status":201,"ms":12}';
    expect(redactLogLine(line)).toBe(line);
  });
});

describe('pinoRedactPaths', () => {
  it('covers credential headers and secret-bearing fields', () => {
    for (const path of ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'req.headers["x-zhitong-pow"]', 'req.headers["idempotency-key"]', '*.password', '*.queryCode', '*.code', '*.totp', '*.reporter', '*.content']) {
      expect(pinoRedactPaths).toContain(path);
    }
  });

  it('is accepted by pino and hides the values', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });
    const logger = pino({ redact: pinoRedactPaths }, sink);
    logger.info({
      req: { headers: { cookie: 'sid=abc', authorization: 'Bearer t', 'x-csrf-token': 'c', 'x-zhitong-pow': 'p', 'idempotency-key': 'k', host: 'h' } },
      body: { password: 'pw', queryCode: '0123456789', code: '123456', totp: '654321', reporter: { name: '张三' }, content: '举报内容' },
    });
    const entry = JSON.parse(lines[0]!);
    expect(entry.req.headers).toEqual({ cookie: '[Redacted]', authorization: '[Redacted]', 'x-csrf-token': '[Redacted]', 'x-zhitong-pow': '[Redacted]', 'idempotency-key': '[Redacted]', host: 'h' });
    expect(Object.values(entry.body)).toEqual(Array(6).fill('[Redacted]'));
  });
});

describe('role passwords in SQL', () => {
  it('hides the password of CREATE and ALTER ROLE statements', () => {
    expect(redactLogLine(`STATEMENT: ALTER ROLE "zhitong_app" LOGIN PASSWORD 'abc''def-secret'`)).toBe(`STATEMENT: ALTER ROLE "zhitong_app" LOGIN PASSWORD '***'`);
  });
});

describe('the process logger', () => {
  // The marker sweep shows nothing logs a secret today; this shows the logger itself would hide one.
  it('redacts secret-bearing fields and free-text lines through createLogger', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString('utf8')); done(); } });
    const logger = createLogger({ logLevel: 'info' }, sink);
    logger.info({ body: { queryCode: '0123456789', reporter: { name: '张三' }, content: '举报内容' }, req: { headers: { cookie: 'sid=abc' } } }, 'connect postgres://zt:s3cret@db/zt');
    logger.warn('code 9876543210 refused; DETAIL: Key (phone)=(13800138000) already exists.');
    const out = lines.join('');
    for (const secret of ['0123456789', '张三', '举报内容', 'sid=abc', 's3cret', '9876543210', '13800138000']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
