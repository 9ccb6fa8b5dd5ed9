-- Health insurance now publishes OUT_OF_POCKET itself (healthInsuranceSignalsSince): the out-of-pocket
-- total of the last 12 months in 元, not a share. The share is taken here, against the person's part of
-- the household income over a year (household per-capita monthly income × 12, from civil affairs).
UPDATE "Rule"
SET "expression" = replace("expression",
      '(has(feed.OUT_OF_POCKET) && feed.OUT_OF_POCKET.amount >= params.outOfPocketShare)',
      '(has(feed.OUT_OF_POCKET) && feed.OUT_OF_POCKET.status == "CLAIMED" && double(feed.OUT_OF_POCKET.amount) >= params.outOfPocketShare * 12.0 * double(person.perCapitaIncome))'),
    "updatedAt" = CURRENT_TIMESTAMP
WHERE "code" IN ('MEDICAL_ASSISTANCE_NEEDED', 'ESSENTIAL_EXPENDITURE_ASSESSMENT');
