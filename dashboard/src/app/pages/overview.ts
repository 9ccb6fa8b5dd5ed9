// 1. 总览 Overview: persons by county and category, the monthly trend, the county map, coverage gaps.

import { LOW_INCOME_CATEGORIES } from '@lip/shared/enums';
import { both, DECIDING_DEPARTMENTS, zh } from '../../labels.ts';
import { gapRows, gapSummary, type RosterPerson } from '../../lists.ts';
import { OverviewCounts, RosterPage } from '../../operations.ts';
import { chart, loadMap, PALETTE } from '../charts.ts';
import { h, number, section, table } from '../dom.ts';
import type { Config, Graph } from '../graph.ts';
import { exportButton, regionPicker } from './common.ts';

/** Every person of a region with an active category, page by page (progress reported). */
export async function scanRoster(graph: Graph, regionPrefix: string, progress: (done: number, total: number) => void): Promise<RosterPerson[]> {
  const persons: RosterPerson[] = [];
  let after: string | null = null;
  for (;;) {
    const {
      persons: page,
    }: { persons: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: RosterPerson }[] } } =
      await graph.request(RosterPage, { regionPrefix, first: 100, after });
    persons.push(...page.edges.map((e) => e.node));
    progress(persons.length, page.totalCount);
    if (!page.pageInfo.hasNextPage) return persons;
    after = page.pageInfo.endCursor ?? null;
  }
}

export async function overviewPage(graph: Graph, config: Config): Promise<HTMLElement> {
  const { categoryCounts, categoryTrend } = await graph.request(OverviewCounts, { regionPrefix: null });
  const counties = [...new Map(categoryCounts.map((c) => [c.countyCode, c.countyName])).entries()].sort();
  const cell = (county: string, category: string) => categoryCounts.find((c) => c.countyCode === county && c.category === category)?.persons ?? 0;
  const countyTotal = (county: string) => categoryCounts.filter((c) => c.countyCode === county).reduce((s, c) => s + c.persons, 0);
  const grandTotal = categoryCounts.reduce((s, c) => s + c.persons, 0);

  const countsTable = table(
    'counts-table',
    [
      { header: '县区 County', cell: ([code, name]) => h('span', { 'data-county': code }, name) },
      ...LOW_INCOME_CATEGORIES.map((category) => ({
        header: zh('LowIncomeCategory', category),
        numeric: true,
        cell: ([code]: [string, string]) => h('span', { 'data-county': code, 'data-category': category }, number(cell(code, category))),
      })),
      { header: '合计 Total', numeric: true, cell: ([code]) => h('span', { 'data-county': code, 'data-category': 'TOTAL' }, number(countyTotal(code))) },
    ],
    counties,
    ([code]) => code,
  );

  const bars = chart('counts-chart', {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 50, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: counties.map(([, name]) => name) },
    yAxis: { type: 'value' },
    color: PALETTE,
    series: LOW_INCOME_CATEGORIES.map((category) => ({
      name: zh('LowIncomeCategory', category),
      type: 'bar',
      stack: 'persons',
      data: counties.map(([code]) => cell(code, category)),
    })),
  });

  const months = [...new Set(categoryTrend.map((t) => t.month))].sort();
  const trendOf = (month: string, category: string) => categoryTrend.find((t) => t.month === month && t.category === category)?.persons ?? 0;
  const sourceOf = (month: string) => categoryTrend.find((t) => t.month === month)?.source ?? '';
  const lines = chart('trend-chart', {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 50, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    color: PALETTE,
    series: LOW_INCOME_CATEGORIES.map((category) => ({ name: zh('LowIncomeCategory', category), type: 'line', data: months.map((m) => trendOf(m, category)) })),
  });
  const trendTable = table(
    'trend-table',
    [
      { header: '月份 Month', cell: (m) => m },
      ...LOW_INCOME_CATEGORIES.map((category) => ({
        header: zh('LowIncomeCategory', category),
        numeric: true,
        cell: (m: string) => h('span', { 'data-month': m, 'data-category': category }, number(trendOf(m, category))),
      })),
      { header: '来源 Source', cell: (m) => zh('TrendSource', sourceOf(m)) },
    ],
    [...months].reverse(),
    (m) => m,
  );

  // The map: each county coloured by the share of its low-income persons in the chosen category.
  const mapBox = h('div', { class: 'map-box' });
  const mapCategory = h(
    'select',
    { 'data-testid': 'map-category' },
    ...LOW_INCOME_CATEGORIES.map((c) => h('option', { value: c }, both('LowIncomeCategory', c))),
  );
  const drawMap = () => {
    const category = mapCategory.value;
    mapBox.replaceChildren(
      chart(
        'county-map',
        {
          tooltip: {
            trigger: 'item',
            formatter: (p: { name: string; value?: number }) => `${p.name}: ${Number.isFinite(p.value) ? `${p.value}%` : '无数据 no data'}`,
          },
          visualMap: {
            min: 0,
            max: Math.max(1, ...counties.map(([code]) => share(code, category))),
            text: ['高 high', '低 low'],
            calculable: true,
            inRange: { color: ['#fde9d9', '#c23531'] },
            left: 8,
            bottom: 8,
          },
          series: [
            {
              type: 'map',
              map: 'sanmenxia',
              roam: false,
              label: { show: true },
              data: counties.map(([code, name]) => ({ name, value: share(code, category) })),
            },
          ],
        },
        380,
      ),
    );
  };
  const share = (county: string, category: string) => {
    const total = countyTotal(county);
    return total ? Math.round((cell(county, category) * 1000) / total) / 10 : 0;
  };
  mapCategory.addEventListener('change', drawMap);
  void loadMap(config.mapPath).then(drawMap, () => mapBox.replaceChildren(h('p', { class: 'error' }, '地图加载失败 The map could not be loaded')));

  // Coverage gaps: the roster of a region, each department's decisions counted.
  const gapsBox = h('div', {});
  const picker = regionPicker(graph, 'gaps-region');
  const scanGaps = async () => {
    const status = h('p', { class: 'note', 'data-testid': 'gaps-progress' }, '读取中… Reading…');
    gapsBox.replaceChildren(status);
    const persons = await scanRoster(
      graph,
      picker.value,
      (done, total) => (status.textContent = `已读取 ${done} / ${total} 人 Read ${done} of ${total} persons`),
    );
    const summary = gapSummary(gapRows(persons));
    gapsBox.replaceChildren(
      status,
      table(
        'gaps-summary',
        [
          { header: '部门 Department', cell: (r) => DECIDING_DEPARTMENTS.find((d) => d.department === r.department)!.zh },
          { header: '项目 Program', cell: (r) => both('AssistanceProgram', r.program) },
          {
            header: '应保未保人数 Persons with a gap',
            numeric: true,
            cell: (r) => h('span', { 'data-department': r.department, 'data-program': r.program }, number(r.persons)),
          },
        ],
        summary,
        (r) => `${r.department}/${r.program}`,
        '没有应保未保 No coverage gaps',
      ),
      exportButton(graph, '导出应保未保名单 Export gaps', { list: 'gaps', regionPrefix: picker.value }),
    );
  };
  picker.addEventListener('change', () => void scanGaps());
  await picker.ready;
  void scanGaps();

  return h(
    'div',
    { class: 'page overview' },
    h('h1', {}, '总览', h('small', {}, 'Overview')),
    h(
      'div',
      { class: 'kpis' },
      h('div', { class: 'kpi' }, h('span', {}, '低收入人口（人次） Persons × categories'), h('strong', { 'data-testid': 'grand-total' }, number(grandTotal))),
    ),
    h(
      'div',
      { class: 'grid-2' },
      section('分县分类人数 Persons by county and category', bars),
      section('县区分布图 County map', h('label', {}, '类别 Category ', mapCategory), mapBox),
    ),
    section(
      '分县分类统计表 Table',
      countsTable,
      exportButton(graph, '导出花名册 Export roster', { list: 'roster', regionPrefix: graph.session.identity.region }),
    ),
    section('月度趋势 Monthly trend', lines, trendTable),
    section('应保未保 Coverage gaps by department and program', h('label', {}, '地区 Region ', picker), gapsBox),
  );
}
