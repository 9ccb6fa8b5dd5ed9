// 2. 监测预警 Monitoring: alerts by rule and status, the referral funnel, overdue referrals by
// office and the days to close, every number counted by the monitoring subgraph in the caller's region.

import type { AlertStatus } from '../../gql/graphql.ts';
import { both, zh } from '../../labels.ts';
import { MonitoringOverview, Regions } from '../../operations.ts';
import { chart, PALETTE } from '../charts.ts';
import { h, number, section, table } from '../dom.ts';
import type { Graph } from '../graph.ts';

const STATUSES: AlertStatus[] = ['OPEN', 'REFERRED', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED'];

export async function monitoringPage(graph: Graph): Promise<HTMLElement> {
  const [{ alertStatistics: stats, monitoringRules, overdueReferralsByCounty: overdue }, { regions }] = await Promise.all([
    graph.request(MonitoringOverview, {}),
    graph.request(Regions, {}),
  ]);
  const ruleName = (code: string) => monitoringRules.find((r) => r.code === code)?.nameZh ?? code;
  const countyName = (code: string) => regions.find((r) => r.code === code)?.name ?? code;
  const rules = [...new Set(stats.byRuleAndStatus.map((c) => c.ruleCode))];
  const count = (rule: string, status: string) => stats.byRuleAndStatus.find((c) => c.ruleCode === rule && c.status === status)?.alerts ?? 0;

  const byRule = table(
    'alerts-by-rule',
    [
      { header: '预警规则 Rule', cell: (rule) => ruleName(rule) },
      ...STATUSES.map((status) => ({
        header: zh('AlertStatus', status),
        numeric: true,
        cell: (rule: string) => h('span', { 'data-rule': rule, 'data-status': status }, number(count(rule, status))),
      })),
    ],
    rules,
    (rule) => rule,
    '没有预警 No alerts',
  );
  const bars = chart('alerts-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 160, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rules.map(ruleName) },
    color: PALETTE,
    series: STATUSES.map((status) => ({ name: zh('AlertStatus', status), type: 'bar', stack: 'alerts', data: rules.map((rule) => count(rule, status)) })),
  });

  const { funnel } = stats;
  const stages = [
    { key: 'raised', label: '预警 Raised', value: funnel.raised },
    { key: 'referred', label: '已转办 Referred', value: funnel.referred },
    { key: 'accepted', label: '处置中 Accepted', value: funnel.accepted },
    { key: 'resolved', label: '已办结 Resolved', value: funnel.resolved },
    { key: 'dismissed', label: '已撤销 Dismissed', value: funnel.dismissed },
  ];
  const funnelChart = chart('funnel-chart', {
    tooltip: { trigger: 'axis' },
    grid: { left: 110, right: 40, top: 10, bottom: 20 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: stages.map((s) => s.label) },
    series: [{ type: 'bar', data: stages.map((s) => s.value), label: { show: true, position: 'right' }, itemStyle: { color: PALETTE[2]! } }],
  });
  const funnelList = h(
    'div',
    { class: 'kpis' },
    ...stages.map((s) => h('div', { class: 'kpi' }, h('span', {}, s.label), h('strong', { 'data-testid': `funnel-${s.key}` }, number(s.value)))),
  );

  const overdueTable = table(
    'overdue-by-office',
    [
      { header: '县区 County', cell: (r) => countyName(r.countyCode) },
      { header: '承办单位 Office', cell: (r) => both('ReferralOffice', r.office) },
      { header: '逾期件数 Overdue', numeric: true, cell: (r) => h('span', { 'data-county': r.countyCode, 'data-office': r.office }, number(r.overdue)) },
      { header: '已升级至县 Escalated', numeric: true, cell: (r) => number(r.escalated) },
    ],
    overdue,
    (r) => `${r.countyCode}/${r.office}`,
    '没有逾期转办 No overdue referrals',
  );

  const closeTable = table(
    'close-times',
    [
      { header: '预警规则 Rule', cell: (r) => ruleName(r.ruleCode) },
      { header: '已结束 Closed', numeric: true, cell: (r) => h('span', { 'data-rule': r.ruleCode, 'data-closed': String(r.closed) }, number(r.closed)) },
      {
        header: '平均天数 Average days',
        numeric: true,
        cell: (r) => h('span', { 'data-rule': r.ruleCode, 'data-average': String(r.averageDays) }, r.averageDays),
      },
      { header: '中位天数 Median days', numeric: true, cell: (r) => r.medianDays },
    ],
    stats.closeTimes,
    (r) => r.ruleCode,
    '尚无办结 Nothing closed yet',
  );

  return h(
    'div',
    { class: 'page monitoring' },
    h('h1', {}, '监测预警', h('small', {}, 'Monitoring')),
    h('div', { class: 'grid-2' }, section('按规则和状态的预警 Alerts by rule and status', bars), section('转办漏斗 Referral funnel', funnelList, funnelChart)),
    section('按规则和状态统计 Table', byRule),
    h('div', { class: 'grid-2' }, section('逾期转办（按承办单位） Overdue referrals by office', overdueTable), section('办结用时 Time to close', closeTable)),
  );
}
