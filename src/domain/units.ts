// The unit tree of DESIGN §1 (市局 → 分局/县局/支队 → 派出所/大队/中队), as pure data for the policies.
import type { Role } from './roles.js';

export const UNIT_KINDS = ['city', 'branch', 'county', 'detachment', 'squad', 'station', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface UnitNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: UnitKind;
  /** A 督察 unit (督察支队 of the city, 督察大队 of a branch or county): routing targets of §3.4. */
  readonly inspection: boolean;
}

export interface UnitTree {
  readonly rootId: string;
  readonly units: ReadonlyMap<string, UnitNode>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Whoever holds unit_head in the unit; bureau_leader for the root (DESIGN §2). */
  readonly heads: ReadonlyMap<string, readonly string[]>;
}

/** Builds the tree once per request; throws on a forest or an unknown parent, which is a data bug. */
export function buildUnitTree(nodes: readonly UnitNode[], heads: Readonly<Record<string, readonly string[]>>): UnitTree {
  const units = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of nodes) {
    if (n.parentId === null) {
      roots.push(n.id);
      continue;
    }
    if (!units.has(n.parentId)) throw new Error(`unit ${n.id} has an unknown parent`);
    const list = children.get(n.parentId) ?? [];
    list.push(n.id);
    children.set(n.parentId, list);
  }
  const [rootId, ...others] = roots;
  if (rootId === undefined || others.length > 0) throw new Error('the unit tree must have exactly one root');
  return { rootId, units, children, heads: new Map(Object.entries(heads)) };
}

export interface UserGrant {
  readonly userId: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
}

/** Heads per unit from role grants: unit_head holders, and bureau_leader holders for the root. */
export function headsFromGrants(users: readonly UserGrant[], rootId: string): Record<string, string[]> {
  const heads: Record<string, string[]> = {};
  const add = (unitId: string, userId: string): void => {
    const list = heads[unitId] ?? [];
    if (!list.includes(userId)) list.push(userId);
    heads[unitId] = list;
  };
  for (const u of users) {
    if (u.roles.includes('unit_head')) add(u.unitId, u.userId);
    if (u.roles.includes('bureau_leader')) add(rootId, u.userId);
  }
  return heads;
}

export function parentOf(tree: UnitTree, unitId: string): string | null {
  return tree.units.get(unitId)?.parentId ?? null;
}

/** Ancestors nearest first, without the unit itself; stops on a cycle instead of looping. */
export function ancestorsOf(tree: UnitTree, unitId: string): string[] {
  const out: string[] = [];
  let current = parentOf(tree, unitId);
  while (current !== null && !out.includes(current) && current !== unitId) {
    out.push(current);
    current = parentOf(tree, current);
  }
  return out;
}

/** Every unit strictly below, depth first. */
export function descendantsOf(tree: UnitTree, unitId: string): string[] {
  const out: string[] = [];
  const stack = [...(tree.children.get(unitId) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || out.includes(next)) continue;
    out.push(next);
    stack.push(...(tree.children.get(next) ?? []));
  }
  return out;
}

/** True when `unitId` lies strictly below `ancestorId`. */
export function isBelow(tree: UnitTree, unitId: string, ancestorId: string): boolean {
  return ancestorsOf(tree, unitId).includes(ancestorId);
}

export function isAtOrBelow(tree: UnitTree, unitId: string, ancestorId: string): boolean {
  return unitId === ancestorId || isBelow(tree, unitId, ancestorId);
}

export function headsOf(tree: UnitTree, unitId: string): readonly string[] {
  return tree.heads.get(unitId) ?? [];
}

export function isHeadOf(tree: UnitTree, userId: string, unitId: string): boolean {
  return headsOf(tree, unitId).includes(userId);
}

export function hasSubUnits(tree: UnitTree, unitId: string): boolean {
  return (tree.children.get(unitId)?.length ?? 0) > 0;
}
