// Units and staff users written straight to the database, for tests that need people to sign in.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../src/commands/deps.js';
import type { Role } from '../../src/domain/roles.js';

let serial = 0;
function next(): string {
  serial += 1;
  return `${serial}${randomUUID().slice(0, 6)}`;
}

export interface TestUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}

export async function createUnit(deps: Deps, o: { code?: string; name?: string; kind?: string; parentId?: string; inspection?: boolean } = {}): Promise<TestUnit> {
  const unit = { id: randomUUID(), code: o.code ?? `U${next()}`, name: o.name ?? `测试派出所${next()}` };
  await deps.pool.query('INSERT INTO units (id, code, name, parent_id, kind, inspection) VALUES ($1, $2, $3, $4, $5, $6)', [unit.id, unit.code, unit.name, o.parentId ?? null, o.kind ?? 'station', o.inspection ?? false]);
  return unit;
}

export interface UserOptions {
  readonly unitId: string;
  readonly username?: string;
  readonly password?: string;
  readonly displayName?: string;
  readonly policeNumber?: string;
  readonly rank?: string;
  readonly mustChangePassword?: boolean;
  readonly active?: boolean;
  readonly totpRequired?: boolean;
  readonly roles?: readonly Role[];
  /** An enrolled (active) TOTP secret, base32. */
  readonly totpSecret?: string;
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly policeNumber: string;
}

export async function createUser(deps: Deps, o: UserOptions): Promise<TestUser> {
  const id = randomUUID();
  const user = {
    id,
    username: o.username ?? `user${next()}`,
    password: o.password ?? 'Lan-Tian-Bai-Yun-73!',
    displayName: o.displayName ?? '测试民警',
    policeNumber: o.policeNumber ?? `J${next()}`,
  };
  const secretEnc = o.totpSecret === undefined ? null : deps.cipher.encrypt({ table: 'users', column: 'totp_secret_enc', rowId: id }, o.totpSecret);
  await deps.pool.query(
    `INSERT INTO users (id, username, display_name, police_number, rank, unit_id, password_hash, must_change_password, active, totp_secret_enc, totp_required)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, user.username, user.displayName, user.policeNumber, o.rank ?? 'officer', o.unitId, await deps.passwords.hash(user.password), o.mustChangePassword ?? false, o.active ?? true, secretEnc, o.totpRequired ?? true],
  );
  for (const role of o.roles ?? []) {
    await deps.pool.query('INSERT INTO role_grants (id, user_id, role) VALUES ($1, $2, $3)', [randomUUID(), id, role]);
  }
  return user;
}
