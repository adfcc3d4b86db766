import { createContext, useContext } from 'react';
import type { Me, Role } from '../api/types';

/** The signed-in key (GET /v1/me): pages offer only what its roles allow. */
export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a signed-in console');
  return me;
}

export const hasAnyRole = (me: Me, roles: readonly Role[]): boolean => me.roles.some((r) => roles.includes(r));
