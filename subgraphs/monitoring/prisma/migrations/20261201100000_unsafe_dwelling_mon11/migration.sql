-- Housing's DWELLING signal (housingSignalsSince) now has a rule: a low-income person whose latest
-- dwelling assessment is C, D or no house, with no renovation case or urban housing assistance since
-- (status UNSAFE), is referred to housing (农村危房改造 / 住房保障). Housing publishes the grade as
-- `level` (C 3, D 4, NO_HOUSE 5); `gradeLevelMin` per county and year says from which grade a county
-- refers (a county that repairs C-grade houses through its own maintenance programme sets 4).
-- The referral closes by itself when housing's data shows a case opened or assistance (ADDRESSED),
-- and clears when a new assessment finds the house safe.
INSERT INTO "Rule" ("code", "nameZh", "nameEn", "description", "sources", "categories", "expression", "coveredExpression", "severity", "office", "deadlineWorkingDays", "endsHoldings", "updatedAt") VALUES
('UNSAFE_DWELLING', '低收入人口住房不安全', 'Unsafe dwelling or no house in the low-income population',
 'Housing''s latest assessment of a low-income person''s dwelling is C or D, or they have no house, and housing has no renovation case or urban housing assistance for it: referred to housing; closes when housing opens a case or grants assistance.',
 ARRAY['DWELLING'], ARRAY['SUBSISTENCE_ALLOWANCE', 'EXTREME_POVERTY', 'NEAR_SUBSISTENCE', 'ESSENTIAL_EXPENDITURE_HARDSHIP', 'RELAPSE_MONITORING'],
 'person.inRegister && !person.deceased && person.categories.exists(c, c in ["SUBSISTENCE_ALLOWANCE", "EXTREME_POVERTY", "NEAR_SUBSISTENCE", "ESSENTIAL_EXPENDITURE_HARDSHIP", "RELAPSE_MONITORING"]) && has(feed.DWELLING) && feed.DWELLING.status == "UNSAFE" && double(feed.DWELLING.level) >= params.gradeLevelMin',
 'has(feed.DWELLING) && feed.DWELLING.status == "ADDRESSED"',
 'HIGH', 'HOUSING', 15, false, CURRENT_TIMESTAMP);

INSERT INTO "RuleParameter" ("id", "ruleCode", "regionCode", "year", "name", "value")
SELECT gen_random_uuid()::text, 'UNSAFE_DWELLING', p."regionCode", p."year", 'gradeLevelMin', p."value"
FROM (VALUES
    ('4112', 2024, 3),
    ('4112', 2025, 3),
    ('4112', 2026, 3),
    -- 卢氏县 from 2026: C-grade houses go to the county's own maintenance programme first.
    ('411224', 2026, 4)
) AS p("regionCode", "year", "value");
