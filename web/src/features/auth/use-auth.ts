// Session hooks: who am I, sign in, sign out. The session itself is the httpOnly cookie.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../../domain/roles.ts';
import { api, request } from '../../api/client.ts';
import type { LoginResponse, User } from '../../api/types.ts';

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => request<User>('/api/auth/me', { redirectOn401: false, signal }),
    retry: false,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
}

export function hasPermission(user: User | undefined, permission: Permission | undefined): boolean {
  if (!permission) return true;
  return !!user?.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  return hasPermission(useMe().data, permission);
}

export interface Credentials {
  username: string;
  password: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: Credentials) => api.post<LoginResponse>('/api/auth/login', c, { redirectOn401: false }),
    meta: { silent: true },
    onSuccess: (res) => {
      qc.clear();
      qc.setQueryData(ME_KEY, res.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout', {}, { redirectOn401: false }),
    meta: { silent: true },
    onSettled: () => qc.clear(),
  });
}
