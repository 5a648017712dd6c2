import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import type { Permission } from '../../domain/roles.ts';
import { AppShell } from './components/app-shell.tsx';
import { RequireAuth, RequirePermission } from './features/auth/require-auth.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { CensusHouseholdPage } from './pages/census-household-page.tsx';
import { CensusPage } from './pages/census-page.tsx';
import { CensusPlacePage } from './pages/census-place-page.tsx';
import { PersonImportPage } from './pages/person-import-page.tsx';
import { PersonPage } from './pages/person-page.tsx';
import { PersonsPage } from './pages/persons-page.tsx';
import { SpecialGroupsPage } from './pages/special-groups-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PlacesPage } from './pages/places-page.tsx';
import { SamplerPage } from './pages/sampler-page.tsx';
import { AntigenPage } from './pages/antigen-page.tsx';
import { HomeRedirect } from './components/home-redirect.tsx';
import { ScreeningLabPage } from './pages/screening-lab-page.tsx';
import { ScreeningRoundPage } from './pages/screening-round-page.tsx';
import { ScreeningRoundsPage } from './pages/screening-rounds-page.tsx';

const guarded = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The sampler PWA runs full screen and opens offline: its own offline-tolerant sign-in and
  // screening.sample guard (SamplerGate), no side menu.
  { path: '/sampler', element: <SamplerPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'places/:placeId?', element: <PlacesPage /> },
      { path: 'persons', element: guarded('persons.read', <PersonsPage />) },
      { path: 'persons/special', element: guarded('persons.read', <SpecialGroupsPage />) },
      { path: 'persons/import', element: guarded('persons.import', <PersonImportPage />) },
      { path: 'persons/:personId', element: guarded('persons.read', <PersonPage />) },
      { path: 'census', element: guarded('census.read', <CensusPage />) },
      { path: 'census/:placeId', element: guarded('census.read', <CensusPlacePage />) },
      { path: 'census/:placeId/household/:householdId', element: guarded('census.read', <CensusHouseholdPage />) },
      { path: 'screening', element: guarded('screening.read', <ScreeningRoundsPage />) },
      { path: 'screening/lab', element: guarded('screening.results', <ScreeningLabPage />) },
      { path: 'screening/:roundId', element: guarded('screening.read', <ScreeningRoundPage />) },
      { path: 'antigen', element: guarded('screening.antigen', <AntigenPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
