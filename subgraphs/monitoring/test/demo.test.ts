// The demo feeds: every source present, every row valid for its feed, the same for the same seed.

import { dateOf } from '@lip/shared/calendar';
import { generatePopulation } from '@lip/shared/demo/population';
import { expect, it } from 'vitest';
import { generateFeedDemo } from '../src/demo/generate.ts';
import { FEED_NAMES, validateFeedRows } from '../src/domain/feeds.ts';

const options = { seed: 2024, persons: 5000, asOf: dateOf('2026-11-30') };

it('has rows for every feed, each valid, about persons of the demo population', () => {
  const demo = generateFeedDemo(options);
  const register = new Set([...generatePopulation(options)].flatMap((household) => household.members.map((member) => member.idNumber)));
  expect([...demo.keys()].sort()).toEqual([...FEED_NAMES].sort());
  for (const [feed, rows] of demo) {
    expect(validateFeedRows(feed, rows, options.asOf).errors, feed).toEqual([]);
    expect(
      rows.every((row) => register.has(row.idNumber)),
      feed,
    ).toBe(true);
  }
  expect(demo.get('UNEMPLOYMENT')!.length).toBeGreaterThan(20);
});

it('is deterministic for a seed and differs for another', () => {
  expect(generateFeedDemo(options)).toEqual(generateFeedDemo(options));
  expect(generateFeedDemo({ ...options, seed: 7 }).get('SERIOUS_ILLNESS')).not.toEqual(generateFeedDemo(options).get('SERIOUS_ILLNESS'));
});
