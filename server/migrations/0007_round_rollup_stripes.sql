-- Every registration batch adds to the round_rollup rows of its city, district and subdistrict, one
-- row each: concurrent batches queued on those rows' locks until each one committed (most of a
-- batch's waiting at 6 concurrent samplers' connections). A place now has up to eight stripes, a batch
-- writes the stripe of its database connection, and readers add the stripes up (round_coverage).
ALTER TABLE round_rollup ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
ALTER TABLE round_rollup DROP CONSTRAINT round_rollup_pkey;
ALTER TABLE round_rollup ADD PRIMARY KEY (round_id, place_id, stripe);
CREATE VIEW round_coverage AS
  SELECT round_id, place_id, sum(sampled)::int AS sampled, sum(exempt)::int AS exempt FROM round_rollup GROUP BY round_id, place_id;
