-- Region filters are prefix matches (regionCode LIKE '411282103%'). Under a non-C collation a
-- plain btree index cannot serve LIKE, and the page of a township became a scan of the whole
-- register; text_pattern_ops can. Same names and columns, so schema.prisma is unchanged.
DROP INDEX "Person_regionCode_idx";
CREATE INDEX "Person_regionCode_idx" ON "Person"("regionCode" text_pattern_ops);
DROP INDEX "Household_regionCode_idx";
CREATE INDEX "Household_regionCode_idx" ON "Household"("regionCode" text_pattern_ops);
