-- Issue 18: the person list pages in (regionCode, idNumber) order and filters a region as a range
-- of codes, so a page of a township reads its rows from this index and stops; ordered by ID number
-- alone, the first page walked the primary key past ~100,000 persons of other regions. Unique (as the
-- primary key makes it anyway) so that a page's cursor can name both columns.
CREATE UNIQUE INDEX "Person_regionCode_idNumber_key" ON "Person"("regionCode", "idNumber");
