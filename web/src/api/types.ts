// Response shapes of the HTTP API (docs/api.md), declared once for the whole web app.
import type { Permission, Role } from '../../../domain/roles.ts';
import type { FacilityKind, PlaceKind, PolygonGeometry } from '../../../domain/places.ts';

/** Database ids are integers (bigint sequences) in JSON. */
export type Id = number;

export interface Assignment {
  role: Role;
  /** null means the whole tree. */
  placeId: Id | null;
  placeName: string | null;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  assignments: Assignment[];
  permissions: Permission[];
}

export interface LoginResponse {
  token: string;
  expiresAt?: string;
  user: User;
}

export interface PlaceSummary {
  id: Id;
  code: string;
  name: string;
  kind: PlaceKind;
  parentId: Id | null;
  depth: number;
  sortOrder: number;
  lat: number | null;
  lng: number | null;
  childCount: number;
}

export interface PlaceRef {
  id: Id;
  code: string;
  name: string;
  kind: PlaceKind;
}

export interface PlaceDetail extends PlaceSummary {
  path: string;
  geometry: PolygonGeometry | null;
  ancestors: PlaceRef[];
  facilityCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface MapFeature {
  id: Id;
  code: string;
  name: string;
  kind: PlaceKind;
  lat: number | null;
  lng: number | null;
  geometry: PolygonGeometry | null;
}

export interface FacilitySummary {
  id: Id;
  code: string;
  name: string;
  kind: FacilityKind;
  placeId: Id;
  placeName: string;
  capacity: number | null;
  capacityPerHour: number | null;
  lat: number | null;
  lng: number | null;
}

export type RoomStatus = 'free' | 'occupied' | 'cleaning' | 'out_of_service';

export interface Room {
  id: Id;
  number: string;
  capacity: number;
  status: RoomStatus;
}

export interface Facility extends FacilitySummary {
  rooms: Room[];
}

export interface PlaceMap {
  place: MapFeature;
  children: MapFeature[];
  facilities: FacilitySummary[];
}

export interface AuditEntry {
  id: Id;
  at: string;
  actorId: Id | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  placeId: Id | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface Page<T> extends Items<T> {
  total: number;
}

export interface AuditPage extends Items<AuditEntry> {
  nextBefore: Id | null;
}

export interface CreatePlaceBody {
  code: string;
  parentId: Id;
  kind: PlaceKind;
  name: string;
  sortOrder?: number;
  lat?: number;
  lng?: number;
}

export interface UpdatePlaceBody {
  name?: string;
  sortOrder?: number;
  lat?: number;
  lng?: number;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
