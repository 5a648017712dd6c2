-- Foundation: the place tree, facilities, users and roles, sessions, and the append-only audit log.

CREATE TABLE places (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('province','city','district','subdistrict','community','compound','grid','building','unit','household')),
  parent_id   bigint REFERENCES places(id),
  -- Materialized path of ids, '/1/5/23/': "everything under X" is path LIKE '/1/5/%', one index range scan.
  path        text NOT NULL,
  depth       integer NOT NULL,
  sort_order  integer NOT NULL DEFAULT 0,
  lat         double precision,
  lng         double precision,
  geometry    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((parent_id IS NULL) = (depth = 0))
);
CREATE UNIQUE INDEX places_path_idx ON places (path text_pattern_ops);
CREATE INDEX places_parent_idx ON places (parent_id, sort_order, id);
CREATE INDEX places_name_idx ON places (name text_pattern_ops);
CREATE INDEX places_kind_idx ON places (kind);

CREATE TABLE facilities (
  id                bigserial PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  name              text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('venue','sampling_site','lab','isolation_site','hospital','fangcang')),
  place_id          bigint NOT NULL REFERENCES places(id),
  capacity          integer CHECK (capacity IS NULL OR capacity >= 0),
  capacity_per_hour integer CHECK (capacity_per_hour IS NULL OR capacity_per_hour >= 0),
  lat               double precision,
  lng               double precision,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX facilities_place_idx ON facilities (place_id);
CREATE INDEX facilities_kind_idx ON facilities (kind);

-- Isolation-site rooms; status is free / occupied / cleaning / out_of_service (DESIGN §8).
CREATE TABLE facility_rooms (
  id          bigserial PRIMARY KEY,
  facility_id bigint NOT NULL REFERENCES facilities(id),
  number      text NOT NULL,
  capacity    integer NOT NULL CHECK (capacity > 0),
  status      text NOT NULL DEFAULT 'free' CHECK (status IN ('free','occupied','cleaning','out_of_service')),
  UNIQUE (facility_id, number)
);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- (user, role, place): the user acts in that role inside the place's subtree; NULL place = whole tree.
CREATE TABLE role_assignments (
  id         bigserial PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users(id),
  role       text NOT NULL,
  place_id   bigint REFERENCES places(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);

-- Opaque bearer tokens, stored only as a keyed hash.
CREATE TABLE sessions (
  id           bigserial PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  user_id      bigint NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only: each row carries the hash of the previous one, so an edit or a deletion made behind
-- the triggers' back breaks the chain and is visible.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    bigint,
  actor_name  text,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  place_path  text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
