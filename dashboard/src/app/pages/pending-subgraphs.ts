// 2. 监测 Monitoring and 3. 资金 Money read the monitoring and payments subgraphs. Until those are
// composed into this graph the pages say so, checked against the graph's own root fields.
import { h, section } from '../dom.ts';
import type { Graph } from '../graph.ts';
import { notInGraph, pending, rootFields } from './common.ts';

export async function monitoringPage(graph: Graph): Promise<HTMLElement> {
  const fields = await rootFields(graph);
  return h(
    'div',
    { class: 'page monitoring' },
    h('h1', {}, '监测预警', h('small', {}, 'Monitoring')),
    section(
      '按规则和状态的预警 · 转办漏斗 · 逾期转办 · 办结用时 Alerts by rule and status, referral funnel, overdue referrals, time to close',
      fields.has('alerts') ? pending() : notInGraph('监测服务 (monitoring) '),
    ),
  );
}

export async function moneyPage(graph: Graph): Promise<HTMLElement> {
  const fields = await rootFields(graph);
  return h(
    'div',
    { class: 'page money' },
    h('h1', {}, '资金发放', h('small', {}, 'Money')),
    section(
      '本月分县发放 · 10日前到账 · 未整改监督问题 This month’s payroll by county, paid by the 10th, open supervision findings',
      fields.has('countyPayroll') ? pending() : notInGraph('资金发放服务 (payments) '),
    ),
  );
}
