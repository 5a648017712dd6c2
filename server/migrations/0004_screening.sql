-- Mass-testing rounds (采、送、检、报, DESIGN §5): rounds over places with a sampling mode per zone
-- level, time slots and door-to-door assignments, tubes and their registrations, boxes and the chain
-- of custody, lab results (and the ones that matched no tube), the pool-positive follow-up (control,
-- health-status changes with their basis, retest tasks, positive findings), antigen self-tests, and a
-- per-round coverage rollup kept in step by every registration so coverage reads a few rows.

-- A sampling site is fixed (people come to it) or a door-to-door team (上门采样队) that goes to them.
ALTER TABLE facilities ADD COLUMN site_mode text CHECK (site_mode IS NULL OR site_mode IN ('fixed','door'));
UPDATE facilities SET site_mode = CASE WHEN name LIKE '%上门采样%' THEN 'door' ELSE 'fixed' END WHERE kind = 'sampling_site';

CREATE TABLE rounds (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  starts_at    timestamptz NOT NULL,
  deadline     timestamptz NOT NULL,
  policy_pack  text NOT NULL DEFAULT 'edition-9',
  -- Sampling mode per zone level: {"sealed": "single", "controlled": "pool10", "precaution": "pool20"}.
  modes        jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_by   bigint REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (deadline > starts_at)
);

-- The places a round covers (non-overlapping roots) and the zone level of places inside it; a
-- building's level is the one of its deepest listed ancestor, precaution when none is listed.
CREATE TABLE round_places (
  round_id  bigint NOT NULL REFERENCES rounds(id),
  place_id  bigint NOT NULL REFERENCES places(id),
  path      text NOT NULL,
  PRIMARY KEY (round_id, place_id)
);
CREATE TABLE round_zones (
  round_id  bigint NOT NULL REFERENCES rounds(id),
  place_id  bigint NOT NULL REFERENCES places(id),
  path      text NOT NULL,
  level     text NOT NULL CHECK (level IN ('sealed','controlled','precaution')),
  PRIMARY KEY (round_id, place_id)
);

-- 分时段分批: which building goes to which site when.
CREATE TABLE round_slots (
  id          bigserial PRIMARY KEY,
  round_id    bigint NOT NULL REFERENCES rounds(id),
  site_id     bigint NOT NULL REFERENCES facilities(id),
  building_id bigint NOT NULL REFERENCES places(id),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  people      integer NOT NULL,
  UNIQUE (round_id, building_id)
);
CREATE INDEX round_slots_site_idx ON round_slots (round_id, site_id, starts_at);

-- 上门采样: households a door-to-door team must visit (special groups; every household of a sealed building).
CREATE TABLE round_door_visits (
  id           bigserial PRIMARY KEY,
  round_id     bigint NOT NULL REFERENCES rounds(id),
  site_id      bigint NOT NULL REFERENCES facilities(id),
  household_id bigint NOT NULL REFERENCES places(id),
  path         text NOT NULL,
  reason       text NOT NULL CHECK (reason IN ('special_group','sealed_building')),
  UNIQUE (round_id, household_id)
);
CREATE INDEX round_door_visits_site_idx ON round_door_visits (round_id, site_id);

-- People not expected in a round: in hospital, in quarantine tested separately, away with proof.
CREATE TABLE round_exemptions (
  round_id   bigint NOT NULL REFERENCES rounds(id),
  person_id  bigint NOT NULL REFERENCES persons(id),
  path       text,
  reason     text NOT NULL CHECK (reason IN ('in_hospital','quarantine_tested','away_with_proof')),
  proof      text,
  created_by bigint REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, person_id)
);

-- Boxes (箱码): sealed at the site, handed to a courier, received once by a lab.
CREATE TABLE boxes (
  id           bigserial PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  round_id     bigint NOT NULL REFERENCES rounds(id),
  site_id      bigint REFERENCES facilities(id),
  path         text NOT NULL, -- the site's place: scope of who may see it
  tubes        integer NOT NULL DEFAULT 0,
  sealed_at    timestamptz NOT NULL,
  handed_at    timestamptz,
  courier      text,
  received_at  timestamptz,
  lab_id       bigint REFERENCES facilities(id),
  received_by  bigint REFERENCES users(id)
);
CREATE INDEX boxes_round_idx ON boxes (round_id, id);

-- A tube (采样管) belongs to one round for ever; its timestamps are the turnaround stages.
CREATE TABLE tubes (
  id            bigserial PRIMARY KEY,
  code          text NOT NULL UNIQUE,
  round_id      bigint NOT NULL REFERENCES rounds(id),
  kind          text NOT NULL CHECK (kind IN ('single','household','pool')),
  capacity      integer NOT NULL CHECK (capacity BETWEEN 1 AND 20),
  members       integer NOT NULL DEFAULT 0,
  site_id       bigint REFERENCES facilities(id),
  path          text NOT NULL, -- the site's place (or the household's, for door-to-door)
  household_id  bigint REFERENCES places(id), -- 1户1管: the household it is for
  retest        boolean NOT NULL DEFAULT false, -- a single-tube retest after a pool positive
  collected_at  timestamptz NOT NULL,
  sealed_at     timestamptz,
  box_id        bigint REFERENCES boxes(id),
  boxed_at      timestamptz,
  received_at   timestamptz,
  lab_id        bigint REFERENCES facilities(id),
  reported_at   timestamptz,
  result        text CHECK (result IN ('negative','positive','invalid')),
  CHECK (members <= capacity)
);
CREATE INDEX tubes_round_idx ON tubes (round_id, id);
CREATE INDEX tubes_box_idx ON tubes (box_id);
CREATE INDEX tubes_pending_idx ON tubes (round_id, collected_at) WHERE reported_at IS NULL;

-- One registration = one person in one tube slot; client_id comes from the sampler's device so a
-- replayed batch stores nothing twice.
CREATE TABLE samples (
  id            bigserial PRIMARY KEY,
  client_id     uuid NOT NULL UNIQUE,
  round_id      bigint NOT NULL REFERENCES rounds(id),
  tube_id       bigint NOT NULL REFERENCES tubes(id),
  slot          integer NOT NULL,
  person_id     bigint NOT NULL REFERENCES persons(id),
  path          text, -- the person's household path: coverage and the missing list are by where people live
  collected_at  timestamptz NOT NULL,
  sampler_id    bigint REFERENCES users(id),
  repeat        boolean NOT NULL DEFAULT false, -- the person was already sampled in this round (allowed, flagged)
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tube_id, slot)
);
-- One first sample per person and round: the key that makes "sampled" count people, not tubes, even
-- when two batches with the same person commit at the same moment (the later one retries as a repeat).
CREATE UNIQUE INDEX samples_round_person_first_idx ON samples (round_id, person_id) WHERE NOT repeat;
-- The people sampled in a round, for the coverage, missing-list and door-visit queries.
CREATE VIEW round_sampled AS SELECT round_id, person_id, id AS sample_id FROM samples WHERE NOT repeat;
CREATE INDEX samples_person_idx ON samples (person_id, collected_at DESC);

-- Chain of custody: every step a timestamped event of a tube or a box.
CREATE TABLE custody_events (
  id         bigserial PRIMARY KEY,
  round_id   bigint NOT NULL REFERENCES rounds(id),
  box_id     bigint REFERENCES boxes(id),
  tube_id    bigint REFERENCES tubes(id),
  kind       text NOT NULL CHECK (kind IN ('tube_sealed','tube_boxed','box_sealed','box_handed','box_received','tube_received','tube_missing','tube_unexpected','tube_reported')),
  at         timestamptz NOT NULL,
  actor_id   bigint REFERENCES users(id),
  detail     jsonb
);
CREATE INDEX custody_events_tube_idx ON custody_events (tube_id, at) WHERE tube_id IS NOT NULL;
CREATE INDEX custody_events_box_idx ON custody_events (box_id, at) WHERE box_id IS NOT NULL;

CREATE TABLE lab_results (
  id          bigserial PRIMARY KEY,
  tube_id     bigint NOT NULL REFERENCES tubes(id),
  round_id    bigint NOT NULL REFERENCES rounds(id),
  result      text NOT NULL CHECK (result IN ('negative','positive','invalid')),
  ct_orf1ab   numeric,
  ct_n        numeric,
  instrument  text,
  tested_at   timestamptz,
  reported_at timestamptz NOT NULL,
  lab_id      bigint REFERENCES facilities(id),
  source      text NOT NULL CHECK (source IN ('api','file','fhir')),
  reported_by bigint REFERENCES users(id)
);
CREATE INDEX lab_results_tube_idx ON lab_results (tube_id, id DESC);

-- Results that matched no registered tube: kept with the reason, never dropped.
CREATE TABLE unmatched_results (
  id          bigserial PRIMARY KEY,
  tube_code   text NOT NULL,
  result      text,
  ct_orf1ab   numeric,
  ct_n        numeric,
  tested_at   timestamptz,
  lab_id      bigint REFERENCES facilities(id),
  source      text NOT NULL,
  error_code  text NOT NULL,
  message     text NOT NULL,
  received_at timestamptz NOT NULL,
  received_by bigint REFERENCES users(id),
  resolved_at timestamptz
);
CREATE INDEX unmatched_results_open_idx ON unmatched_results (id DESC) WHERE resolved_at IS NULL;

-- Health-status changes with their rule and basis (DESIGN §10 builds on these rows).
CREATE TABLE status_changes (
  id         bigserial PRIMARY KEY,
  person_id  bigint NOT NULL REFERENCES persons(id),
  status     text NOT NULL CHECK (status IN ('green','yellow','red')),
  rule       text NOT NULL,
  basis      jsonb NOT NULL,
  at         timestamptz NOT NULL,
  path       text
);
CREATE INDEX status_changes_person_idx ON status_changes (person_id, at DESC, id DESC);

-- A pool-positive member under control until the single-tube retest is negative.
CREATE TABLE screening_controls (
  id            bigserial PRIMARY KEY,
  round_id      bigint NOT NULL REFERENCES rounds(id),
  person_id     bigint NOT NULL REFERENCES persons(id),
  tube_id       bigint NOT NULL REFERENCES tubes(id), -- the positive pool
  path          text,
  controlled_at timestamptz NOT NULL,
  released_at   timestamptz,
  UNIQUE (round_id, person_id, tube_id)
);
CREATE INDEX screening_controls_open_idx ON screening_controls (round_id, person_id) WHERE released_at IS NULL;

-- Single-tube (re)test tasks: after a pool positive (for the team of the member's building,
-- door-to-door when it is sealed) or to confirm a positive antigen self-test by PCR.
CREATE TABLE retest_tasks (
  id             bigserial PRIMARY KEY,
  round_id       bigint REFERENCES rounds(id),
  person_id      bigint NOT NULL REFERENCES persons(id),
  reason         text NOT NULL CHECK (reason IN ('pool_positive','antigen_positive')),
  source_tube_id bigint REFERENCES tubes(id),
  antigen_id     bigint,
  site_id        bigint REFERENCES facilities(id),
  building_id    bigint REFERENCES places(id),
  path           text,
  door_to_door   boolean NOT NULL DEFAULT false,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open','sampled','done')),
  created_at     timestamptz NOT NULL,
  sample_id      bigint REFERENCES samples(id),
  sampled_at     timestamptz,
  result         text,
  done_at        timestamptz
);
CREATE INDEX retest_tasks_round_idx ON retest_tasks (round_id, status);
CREATE INDEX retest_tasks_person_idx ON retest_tasks (person_id) WHERE status <> 'done';

-- A positive single tube: a finding the cases team reviews (the cases domain takes it from here).
CREATE TABLE positive_findings (
  id          bigserial PRIMARY KEY,
  round_id    bigint NOT NULL REFERENCES rounds(id),
  person_id   bigint NOT NULL REFERENCES persons(id),
  tube_id     bigint NOT NULL REFERENCES tubes(id),
  result_id   bigint NOT NULL REFERENCES lab_results(id),
  path        text,
  status      text NOT NULL DEFAULT 'awaiting_review' CHECK (status IN ('awaiting_review','reviewed')),
  created_at  timestamptz NOT NULL,
  UNIQUE (tube_id, person_id)
);

-- 抗原自测 reported by residents.
CREATE TABLE antigen_reports (
  id          bigserial PRIMARY KEY,
  client_id   uuid NOT NULL UNIQUE,
  person_id   bigint NOT NULL REFERENCES persons(id),
  result      text NOT NULL CHECK (result IN ('negative','positive','invalid')),
  tested_at   timestamptz NOT NULL,
  path        text,
  reported_by bigint REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX antigen_reports_person_idx ON antigen_reports (person_id, tested_at DESC);

-- Per round and place (above the household level): distinct people sampled and people exempted,
-- kept in step with every registration and exemption. Expected = place_rollup.people − exempt.
CREATE TABLE round_rollup (
  round_id  bigint NOT NULL REFERENCES rounds(id),
  place_id  bigint NOT NULL REFERENCES places(id),
  sampled   integer NOT NULL DEFAULT 0,
  exempt    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (round_id, place_id)
);
