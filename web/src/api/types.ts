// Response shapes of the HTTP API (docs/api.md), declared once for the whole web app.
import type { Permission, Role } from '../../../domain/roles.ts';
import type { FacilityKind, PlaceKind, PolygonGeometry } from '../../../domain/places.ts';
import type { IdType, ResidenceType, SpecialGroupTag } from '../../../domain/persons.ts';

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

// ── Registry: people and census (docs/api.md "Registry: people and census") ──

export type PersonStatus = 'active' | 'moved_out';

export interface Person {
  id: Id;
  idType: IdType;
  /** Masked (`220102********123X`) unless the detail was asked with unmask. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  householdId: Id | null;
  householdCode: string | null;
  householdName: string | null;
  residenceType: ResidenceType;
  tags: SpecialGroupTag[];
  needs: string | null;
  status: PersonStatus;
  confirmedAt: string | null;
  masked: boolean;
}

export interface PersonHistoryEntry {
  id: Id;
  at: string;
  actorName: string | null;
  action: string;
}

export interface PersonDetail extends Person {
  household: Person[];
  history: PersonHistoryEntry[];
}

export interface PersonBody {
  idType?: IdType;
  idNumber: string;
  name: string;
  sex?: 'M' | 'F' | null;
  birthDate?: string | null;
  phone?: string | null;
  householdId?: Id | null;
  residenceType?: ResidenceType;
  tags?: SpecialGroupTag[];
  needs?: string | null;
}

export type PersonPatch = Partial<Pick<Person, 'name' | 'phone' | 'householdId' | 'residenceType' | 'tags' | 'needs' | 'status'>>;

export interface SavePersonResult {
  created: boolean;
  person: Person;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportCounts {
  accepted: number;
  created: number;
  updated: number;
  merged: number;
  rejected: number;
  errorCount: number;
}

export interface Job {
  id: Id;
  kind: string;
  status: JobStatus;
  progress: Partial<{ processed: number; accepted: number; rejected: number }>;
  result: ImportCounts | null;
  /** `CODE: message` when the job failed. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Census visit outcomes, from the shared domain vocabulary. */
import { OUTCOMES, type Outcome } from '../../../domain/census.ts';
export const CENSUS_OUTCOMES = OUTCOMES;
export type CensusOutcome = Outcome;

export interface CoverageCounts {
  id: Id;
  code: string;
  name: string;
  kind: PlaceKind;
  households: number;
  visited: number;
  people: number;
  confirmed: number;
  householdRate: number | null;
  peopleRate: number | null;
}

export interface Coverage {
  place: CoverageCounts;
  /** Start of the current campaign: visits before it do not count. */
  since: string;
  children: CoverageCounts[];
}

export interface HouseholdRow {
  id: Id;
  code: string;
  name: string;
  parentName: string | null;
  members: number;
  lastVisitedAt: string | null;
  lastOutcome: CensusOutcome | null;
  visits: number;
}

export interface HouseholdVisit {
  id: Id;
  visitedAt: string;
  outcome: CensusOutcome;
  note: string | null;
  visitor: string | null;
}

export interface HouseholdDetail {
  id: Id;
  code: string;
  name: string;
  members: Person[];
  visits: HouseholdVisit[];
}

export interface VisitBody {
  clientId: string;
  householdId: Id;
  outcome: CensusOutcome;
  seen?: Id[];
  movedOut?: Id[];
  added?: Omit<PersonBody, 'householdId'>[];
  note?: string | null;
  visitedAt?: string;
}

export interface VisitResult {
  replayed: boolean;
  visit: { id: Id; clientId: string; householdId: Id; visitedAt: string; outcome: CensusOutcome; seen: Id[]; added: Id[]; movedOut: Id[] };
}

export interface Campaign {
  id: Id;
  name: string;
  startedAt: string;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
