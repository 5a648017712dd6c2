-- Census campaigns (each 敲门行动 counts its own visits) and the coverage rollup: per place above the
-- household level, the households and active people below it and how many of them the current
-- campaign has visited / confirmed. Every mutation keeps it in step (server/modules/census/rollup.ts),
-- so coverage of a city of millions is a read of a few rows, not a scan of the subtree.

CREATE TABLE census_campaigns (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL,
  started_at timestamptz NOT NULL,
  started_by bigint REFERENCES users(id)
);

CREATE TABLE place_rollup (
  place_id   bigint PRIMARY KEY REFERENCES places(id),
  households integer NOT NULL DEFAULT 0,
  people     integer NOT NULL DEFAULT 0,
  visited    integer NOT NULL DEFAULT 0,
  confirmed  integer NOT NULL DEFAULT 0
);

INSERT INTO place_rollup (place_id) SELECT id FROM places WHERE kind <> 'household';
