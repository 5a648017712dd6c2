// "/" goes to the first menu page the user may open: the places for staff, the antigen self-test for a resident.
import { Navigate } from 'react-router-dom';
import { hasPermission, useMe } from '../features/auth/use-auth.ts';
import { NAV_ITEMS } from './nav-items.tsx';

export function HomeRedirect() {
  const me = useMe();
  const first = NAV_ITEMS.find((i) => hasPermission(me.data, i.permission));
  return <Navigate to={first?.path ?? '/places'} replace />;
}
