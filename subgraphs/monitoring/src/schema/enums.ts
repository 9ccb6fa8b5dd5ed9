import { builder } from '../builder.ts';
import { FEED_NAMES, FEEDS } from '../domain/feeds.ts';

export const AlertSeverity = builder.enumType('AlertSeverity', {
  description: '预警等级',
  values: {
    LOW: { description: '低: follow up in the normal course.' },
    MEDIUM: { description: '中: a change that may alter entitlements.' },
    HIGH: { description: '高: money paid wrongly or a person without help (death, disaster, serious illness).' },
  },
});

export const AlertStatus = builder.enumType('AlertStatus', {
  description: '预警状态: OPEN → REFERRED → IN_PROGRESS → RESOLVED, or DISMISSED with a reason.',
  values: {
    OPEN: { description: '待处理: raised and not (or no longer) referred, e.g. sent back by the office.' },
    REFERRED: { description: '已转办: referred to an office that has not accepted it yet.' },
    IN_PROGRESS: { description: '处置中: the office accepted the referral.' },
    RESOLVED: { description: '已办结: see resolution.' },
    DISMISSED: { description: '已撤销: dismissed by civil affairs, with a reason.' },
  },
});

export const AlertResolution = builder.enumType('AlertResolution', {
  description: '办结方式',
  values: {
    CONDITION_CLEARED: { description: '条件消除: the rule no longer holds for the person (resolved by itself).' },
    COVERED: { description: '已保障: the office’s own data shows the person covered (resolved by itself).' },
    ACTION_RECORDED: { description: '已处置: the office recorded what it did.' },
  },
});

export const ReferralStatus = builder.enumType('ReferralStatus', {
  description: '转办状态',
  values: {
    PENDING: { description: '待接收: sent to the office, not accepted yet.' },
    ACCEPTED: { description: '已接收: the office is acting on it.' },
    ACTIONED: { description: '已反馈: the office recorded its action (and the record it created).' },
    SENT_BACK: { description: '已退回: the office sent it back with a reason; the alert is OPEN again.' },
    CLOSED_COVERED: { description: '自动办结: the office’s own data showed the person covered.' },
    WITHDRAWN: { description: '已撤回: the alert resolved or was dismissed before the office acted.' },
  },
});

export const QueueBucket = builder.enumType('QueueBucket', {
  description: '队列: open referrals by urgency.',
  values: {
    OPEN: { description: '待办: not due within two working days.' },
    DUE_SOON: { description: '即将到期: due within two working days.' },
    OVERDUE: { description: '已逾期: past the due date (escalated to the county).' },
  },
});

export const FeedEnum = builder.enumType('MonitoringFeed', {
  description: '外部数据源: a feed from a department outside the graph; see each value for its department and columns.',
  values: Object.fromEntries(
    FEED_NAMES.map((feed) => {
      const definition = FEEDS[feed];
      const columns = Object.entries(definition.columns)
        .map(([column, rule]) => `${column}${rule.required ? '' : '?'} (${rule.meaning})`)
        .join('; ');
      return [
        feed,
        { description: `${definition.label}, sent by ${definition.department}. occurredOn: ${definition.occurredOn}. Columns: ${columns || 'none'}.` },
      ];
    }),
  ) as Record<(typeof FEED_NAMES)[number], { description: string }>,
});

export const VisitChange = builder.enumType('VisitChange', {
  description: '走访发现的变化',
  values: {
    INCOME_LOST: { description: '收入减少或失去收入' },
    ILLNESS: { description: '患重病' },
    DISABILITY: { description: '残疾' },
    DEATH: { description: '家庭成员死亡' },
    DISASTER: { description: '遭受灾害或意外' },
    LEFT_AREA: { description: '迁出或长期外出' },
    INCOME_GAINED: { description: '收入增加、就业或新增财产' },
  },
});

export const RunTrigger = builder.enumType('RunTrigger', {
  description: '运行方式',
  values: { SCHEDULED: { description: '定时' }, ON_DEMAND: { description: '手动触发' } },
});

export const RunStatus = builder.enumType('RunStatus', {
  description: '运行状态',
  values: {
    RUNNING: { description: '运行中' },
    SUCCEEDED: { description: '成功' },
    FAILED: { description: '失败 (error says why; nothing is lost: the next run reads the same changes)' },
  },
});
