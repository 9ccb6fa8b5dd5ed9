-- 分档发放: 灵宝市 (411282) pays dibao by tier of the per-capita gap to the line rather than the gap
-- itself; other counties pay the gap. A county's own tier rows replace the city-wide ones (none yet).
INSERT INTO "PolicyParameter" ("regionCode", "year", "name", "value", "description")
SELECT '411282', y.year, p.name, p.value, p.description
FROM (VALUES (2025), (2026)) AS y(year)
CROSS JOIN (VALUES
  ('SUBSISTENCE_TIER_1_GAP_UP_TO', 200, '低保分档 第 1 档: 人均差额不超过 (元/人/月)'),
  ('SUBSISTENCE_TIER_1_AMOUNT', 200, '低保分档 第 1 档: 每人每月发放 (元)'),
  ('SUBSISTENCE_TIER_2_GAP_UP_TO', 400, '低保分档 第 2 档: 人均差额不超过 (元/人/月)'),
  ('SUBSISTENCE_TIER_2_AMOUNT', 400, '低保分档 第 2 档: 每人每月发放 (元)'),
  ('SUBSISTENCE_TIER_3_AMOUNT', 600, '低保分档 第 3 档 (人均差额更高): 每人每月发放 (元)')
) AS p(name, value, description);
