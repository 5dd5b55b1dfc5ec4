// Database roles: an owner runs migrations and owns the tables; the application connects as a
// role without superuser rights and without UPDATE/DELETE/TRUNCATE on the append-only tables.
import type pg from 'pg';

const APPEND_ONLY = ['audit', 'audit_seal', 'timeline'] as const;
/** Issued once and kept: a 交办单's document number never changes or disappears once printed. */
const ISSUED_ONCE = ['dispatch_documents'] as const;
const AUDIT_WRITABLE = ['actor_kind', 'actor_user_id', 'actor_ref', 'action', 'case_id', 'target', 'details_enc', 'case_digest'] as const;

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/u.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Creates the role when missing and (re)sets its password; LOGIN, no other attribute. */
export async function ensureLoginRole(client: pg.ClientBase, role: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  // Attributes are set only at creation: altering REPLICATION or BYPASSRLS needs those rights ourselves.
  const sql = exists.rowCount === 0
    ? `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`
    : `ALTER ROLE ${quoteIdent(role)} LOGIN PASSWORD ${quoteLiteral(password)}`;
  await client.query(sql);
}

/** An application role found in place must be as plain as one we would have created. */
export async function assertPlainRole(client: pg.ClientBase, role: string, owner: string): Promise<void> {
  const r = await client.query<{ unsafe: boolean }>(
    `SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication OR pg_has_role(rolname, $2, 'MEMBER') AS unsafe
     FROM pg_roles WHERE rolname = $1`,
    [role, owner],
  );
  if (r.rows[0]?.unsafe !== false) {
    throw new Error(`The database role ${role} has more rights than an application role may (superuser, bypass RLS, create role or database, replication, or membership of ${owner}); drop it or strip those rights, then start again.`);
  }
}

/** Run by the owner after migrations: what the application role may do, table by table. */
export async function grantApplicationRole(client: pg.ClientBase, appRole: string): Promise<void> {
  const app = quoteIdent(appRole);
  await client.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
  // No temporary objects: they could shadow ours in a session that resolves names loosely.
  const db = await client.query<{ name: string }>('SELECT current_database() AS name');
  await client.query(`REVOKE TEMPORARY ON DATABASE ${quoteIdent(db.rows[0]?.name ?? '')} FROM PUBLIC`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  for (const table of APPEND_ONLY) {
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table)} FROM ${app}`);
  }
  for (const table of ISSUED_ONCE) {
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table)} FROM ${app}`);
  }
  // The sealer trusts an audit row's sequence, transaction id and time: the writer cannot name them.
  await client.query(`REVOKE INSERT ON audit FROM ${app}`);
  await client.query(`GRANT INSERT (${AUDIT_WRITABLE.join(', ')}) ON audit TO ${app}`);
}

/** Case numbers count per year; the sequences exist before the year starts (DESIGN §2). */
export async function ensureCaseNumberSequences(client: pg.ClientBase, years: readonly number[], appRole: string): Promise<void> {
  for (const year of years) {
    const seq = quoteIdent(`case_number_${year}`);
    await client.query(`CREATE SEQUENCE IF NOT EXISTS ${seq} AS bigint START 1`);
    await client.query(`GRANT USAGE ON SEQUENCE ${seq} TO ${quoteIdent(appRole)}`);
  }
}
