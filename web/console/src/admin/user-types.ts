// The secadmin's account list as GET /api/v1/admin/users answers it (src/http/routes/admin/users.routes.ts).
import { useQuery } from '@tanstack/react-query';
import { get, type ApiError } from '../api/client.js';

export interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly rank: string | null;
  /** masked (138****5678); null when the account gets no SMS alerts */
  readonly mobile: string | null;
  readonly seatExtension: string | null;
  readonly unit: { readonly id: string; readonly code: string; readonly name: string };
  readonly roles: readonly string[];
  readonly pendingRoles: readonly string[];
  readonly active: boolean;
  readonly locked: boolean;
  readonly lockedUntil: string | null;
  readonly totpEnrolled: boolean;
  readonly totpResetPending: boolean;
  readonly mustChangePassword: boolean;
  readonly createdAt: string;
}

export interface UserPage {
  readonly items: readonly AdminUser[];
  readonly nextCursor: string | null;
}

export interface UnitChoice {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
}

export const USERS_KEY = ['admin', 'users'] as const;

/** The units an account can belong to (the secadmin's own list: the unit admin is the sysadmin's). */
export function useUnitChoices() {
  return useQuery<{ items: UnitChoice[] }, ApiError>({ queryKey: ['admin', 'user-units'], queryFn: () => get('/api/v1/admin/user-units'), staleTime: 60_000 });
}
