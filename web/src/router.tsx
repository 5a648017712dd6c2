import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AppShell } from './components/app-shell.tsx';
import { RequireAuth, RequirePermission } from './features/auth/require-auth.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PlacesPage } from './pages/places-page.tsx';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/places" replace /> },
      { path: 'places/:placeId?', element: <PlacesPage /> },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
