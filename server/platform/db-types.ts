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
  site_mode: string | null;
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

type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface RoundsTable {
  id: Generated<number>;
  name: string;
  starts_at: RequiredTimestamp;
  deadline: RequiredTimestamp;
  policy_pack: Generated<string>;
  modes: Json<Record<string, string>>;
  status: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface RoundPlacesTable {
  round_id: number;
  place_id: number;
  path: string;
}

export interface RoundZonesTable {
  round_id: number;
  place_id: number;
  path: string;
  level: string;
}

export interface RoundSlotsTable {
  id: Generated<number>;
  round_id: number;
  site_id: number;
  building_id: number;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  people: number;
}

export interface RoundDoorVisitsTable {
  id: Generated<number>;
  round_id: number;
  site_id: number;
  household_id: number;
  path: string;
  reason: string;
}

export interface RoundExemptionsTable {
  round_id: number;
  person_id: number;
  path: string | null;
  reason: string;
  proof: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface BoxesTable {
  id: Generated<number>;
  code: string;
  round_id: number;
  site_id: number | null;
  path: string;
  tubes: Generated<number>;
  sealed_at: RequiredTimestamp;
  handed_at: OptionalTimestamp;
  courier: string | null;
  received_at: OptionalTimestamp;
  lab_id: number | null;
  received_by: number | null;
}

export interface TubesTable {
  id: Generated<number>;
  code: string;
  round_id: number;
  kind: string;
  capacity: number;
  members: Generated<number>;
  site_id: number | null;
  path: string;
  household_id: number | null;
  retest: Generated<boolean>;
  collected_at: RequiredTimestamp;
  sealed_at: OptionalTimestamp;
  box_id: number | null;
  boxed_at: OptionalTimestamp;
  received_at: OptionalTimestamp;
  lab_id: number | null;
  reported_at: OptionalTimestamp;
  result: string | null;
}

export interface SamplesTable {
  id: Generated<number>;
  client_id: string;
  round_id: number;
  tube_id: number;
  slot: number;
  person_id: number;
  path: string | null;
  collected_at: RequiredTimestamp;
  sampler_id: number | null;
  repeat: Generated<boolean>;
  created_at: Timestamp;
}

export interface CustodyEventsTable {
  id: Generated<number>;
  round_id: number;
  box_id: number | null;
  tube_id: number | null;
  kind: string;
  at: RequiredTimestamp;
  actor_id: number | null;
  detail: Json | null;
}

export interface LabResultsTable {
  id: Generated<number>;
  tube_id: number;
  round_id: number;
  result: string;
  ct_orf1ab: number | null;
  ct_n: number | null;
  instrument: string | null;
  tested_at: OptionalTimestamp;
  reported_at: RequiredTimestamp;
  lab_id: number | null;
  source: string;
  reported_by: number | null;
}

export interface UnmatchedResultsTable {
  id: Generated<number>;
  tube_code: string;
  result: string | null;
  ct_orf1ab: number | null;
  ct_n: number | null;
  tested_at: OptionalTimestamp;
  lab_id: number | null;
  source: string;
  error_code: string;
  message: string;
  received_at: RequiredTimestamp;
  received_by: number | null;
  resolved_at: OptionalTimestamp;
}

export interface StatusChangesTable {
  id: Generated<number>;
  person_id: number;
  status: string;
  rule: string;
  basis: Json;
  at: RequiredTimestamp;
  path: string | null;
}

export interface ScreeningControlsTable {
  id: Generated<number>;
  round_id: number;
  person_id: number;
  tube_id: number;
  path: string | null;
  controlled_at: RequiredTimestamp;
  released_at: OptionalTimestamp;
}

export interface RetestTasksTable {
  id: Generated<number>;
  round_id: number | null;
  person_id: number;
  reason: string;
  source_tube_id: number | null;
  antigen_id: number | null;
  site_id: number | null;
  building_id: number | null;
  path: string | null;
  door_to_door: Generated<boolean>;
  status: Generated<string>;
  created_at: RequiredTimestamp;
  sample_id: number | null;
  sampled_at: OptionalTimestamp;
  result: string | null;
  done_at: OptionalTimestamp;
}

export interface PositiveFindingsTable {
  id: Generated<number>;
  round_id: number;
  person_id: number;
  tube_id: number;
  result_id: number;
  path: string | null;
  status: Generated<string>;
  created_at: RequiredTimestamp;
}

export interface AntigenReportsTable {
  id: Generated<number>;
  client_id: string;
  person_id: number;
  result: string;
  tested_at: RequiredTimestamp;
  path: string | null;
  reported_by: number | null;
  created_at: Timestamp;
}

export interface RoundRollupTable {
  round_id: number;
  place_id: number;
  stripe: Generated<number>;
  sampled: Generated<number>;
  exempt: Generated<number>;
}

export interface Database {
  rounds: RoundsTable;
  round_places: RoundPlacesTable;
  round_zones: RoundZonesTable;
  round_slots: RoundSlotsTable;
  round_door_visits: RoundDoorVisitsTable;
  round_exemptions: RoundExemptionsTable;
  boxes: BoxesTable;
  tubes: TubesTable;
  samples: SamplesTable;
  /** A view: the first sample of each person in a round. */
  round_sampled: { round_id: number; person_id: number; sample_id: number };
  custody_events: CustodyEventsTable;
  lab_results: LabResultsTable;
  unmatched_results: UnmatchedResultsTable;
  status_changes: StatusChangesTable;
  screening_controls: ScreeningControlsTable;
  retest_tasks: RetestTasksTable;
  positive_findings: PositiveFindingsTable;
  antigen_reports: AntigenReportsTable;
  round_rollup: RoundRollupTable;
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
