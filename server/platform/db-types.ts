// Row types of every table, for Kysely. Generated<T> marks columns the database fills in.
import type { ColumnType, Generated } from 'kysely';

/** Read as Date; optional on insert (the database default fills it). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string | null, string | null>;

export interface PlacesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  path: string;
  depth: number;
  sort_order: Generated<number>;
  lat: number | null;
  lng: number | null;
  geometry: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FacilitiesTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  place_id: number;
  capacity: number | null;
  capacity_per_hour: number | null;
  lat: number | null;
  lng: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FacilityRoomsTable {
  id: Generated<number>;
  facility_id: number;
  number: string;
  capacity: number;
  status: Generated<string>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface RoleAssignmentsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  place_id: number | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: RequiredTimestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  place_path: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface PersonsTable {
  id: Generated<number>;
  id_type: Generated<string>;
  id_number: string;
  id_hash: string;
  name: string;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  phone_hash: string | null;
  household_id: number | null;
  residence_type: Generated<string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  needs: string | null;
  status: Generated<string>;
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CensusVisitsTable {
  id: Generated<number>;
  client_id: string;
  household_id: number;
  visitor_id: number | null;
  visited_at: RequiredTimestamp;
  outcome: string;
  note: string | null;
  created_at: Timestamp;
}

export interface CensusVisitPeopleTable {
  visit_id: number;
  person_id: number;
  action: string;
}

export interface HouseholdCensusTable {
  household_id: number;
  last_visit_id: number;
  last_visited_at: RequiredTimestamp;
  last_outcome: string;
  visits: Generated<number>;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  status: Generated<string>;
  params: Json;
  progress: Json;
  result: Json | null;
  error: string | null;
  created_by: number | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CensusCampaignsTable {
  id: Generated<number>;
  name: string;
  started_at: RequiredTimestamp;
  started_by: number | null;
}

export interface PlaceRollupTable {
  place_id: number;
  households: Generated<number>;
  people: Generated<number>;
  visited: Generated<number>;
  confirmed: Generated<number>;
}

export interface Database {
  census_campaigns: CensusCampaignsTable;
  place_rollup: PlaceRollupTable;
  persons: PersonsTable;
  census_visits: CensusVisitsTable;
  census_visit_people: CensusVisitPeopleTable;
  household_census: HouseholdCensusTable;
  jobs: JobsTable;
  places: PlacesTable;
  facilities: FacilitiesTable;
  facility_rooms: FacilityRoomsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}
