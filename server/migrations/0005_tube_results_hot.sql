-- A lab result updates its tube (result, reported_at, lab): with room left in each page and no index
-- on a column the result changes, that update is a HOT update, which writes no index entries. The
-- pending-tube index had reported_at in its predicate, which made every result update touch all five
-- indexes of tubes; the overdue list now reads tubes by collection time and checks reported_at.
ALTER TABLE tubes SET (fillfactor = 80);
DROP INDEX tubes_pending_idx;
CREATE INDEX tubes_collected_idx ON tubes (round_id, collected_at);

