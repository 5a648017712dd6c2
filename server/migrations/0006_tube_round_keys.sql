-- A sample's round, and a lab result's, is its tube's round. One composite key checks both (the tube
-- exists, and it is of that round) where two foreign keys checked each on its own: it says more, and
-- a registration batch pays one key check per sample less (each check is a query of its own).
CREATE UNIQUE INDEX tubes_id_round_key ON tubes (id, round_id);
ALTER TABLE samples
  DROP CONSTRAINT samples_round_id_fkey,
  DROP CONSTRAINT samples_tube_id_fkey,
  ADD CONSTRAINT samples_tube_round_fkey FOREIGN KEY (tube_id, round_id) REFERENCES tubes (id, round_id);
ALTER TABLE lab_results
  DROP CONSTRAINT lab_results_round_id_fkey,
  DROP CONSTRAINT lab_results_tube_id_fkey,
  ADD CONSTRAINT lab_results_tube_round_fkey FOREIGN KEY (tube_id, round_id) REFERENCES tubes (id, round_id);
