-- A lab's batch updates every tube of a page in one transaction, and each new version is a little
-- wider than the old (result, reported_at): at fillfactor 80 only a fifth of them fit in their page,
-- and the rest were non-HOT updates writing an entry in each of the six indexes of tubes. At 45 all
-- of a page's tubes find room for their new version (the table is about twice as large; it holds a
-- tenth as many rows as samples).
ALTER TABLE tubes SET (fillfactor = 45);
