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

export interface Database {
  places: PlacesTable;
  facilities: FacilitiesTable;
  facility_rooms: FacilityRoomsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}
