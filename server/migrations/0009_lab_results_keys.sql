-- lab_results is the largest table a round writes after samples (a row per tube, a million a day in
-- a large city). Its lab and reporter are facilities and users, which are never deleted, and the
-- service writes only ids it has just read (the lab by its code, the signed-in reporter): their
-- foreign-key checks, a query per row each, guarded against nothing that can happen. The tube and
-- round keep their key (0006).
ALTER TABLE lab_results
  DROP CONSTRAINT lab_results_lab_id_fkey,
  DROP CONSTRAINT lab_results_reported_by_fkey;
