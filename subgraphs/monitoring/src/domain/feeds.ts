// Feeds from departments outside the graph (三门峡 plan 二.3) and the layout of their rows.
// Every feed row has the same columns (also the CSV header): id_number, occurred_on, status,
// kind, level, amount, region_code, reference. Each feed says which it uses and what they mean.
// A batch is all or nothing: every bad row is listed, nothing is written.
import type { Department } from '@lip/shared/auth';
import { addDays, parseCivilDate, today } from '@lip/shared/calendar';
import { DomainError, ErrorCode } from '@lip/shared/errors';
import { isCanonicalIdNumber, maskIdNumber, parseIdNumber } from '@lip/shared/id-number';
import { validateRegionCode } from '@lip/shared/regions';

export const MAX_FEED_ROWS = 10_000;

export interface FeedColumnRule {
  /** Allowed values (status, kind); any non-empty value when absent. */
  values?: readonly string[];
  required: boolean;
  meaning: string;
}

export interface FeedDefinition {
  department: Department;
  label: string;
  columns: Partial<Record<'status' | 'kind' | 'level' | 'amount' | 'regionCode' | 'reference', FeedColumnRule>>;
  /** What occurred_on means for this feed. */
  occurredOn: string;
}

export const FEEDS = {
  UNEMPLOYMENT: {
    department: 'HUMAN_RESOURCES',
    label: '人社 登记失业人员',
    occurredOn: '登记或状态变更日期',
    columns: {
      status: { required: true, values: ['REGISTERED', 'ASSISTED', 'EMPLOYED'], meaning: 'REGISTERED 登记失业, ASSISTED 已给予就业援助, EMPLOYED 已就业' },
      reference: { required: false, meaning: '失业登记证号' },
    },
  },
  SERIOUS_ILLNESS: {
    department: 'HEALTH',
    label: '卫健 重特大疾病患者',
    occurredOn: '确诊日期',
    columns: {
      status: { required: true, values: ['DIAGNOSED', 'RECOVERED'], meaning: 'DIAGNOSED 在治, RECOVERED 已治愈' },
      kind: { required: true, meaning: '病种 (ICD-10 code, e.g. C34)' },
    },
  },
  SEVERE_DISABILITY: {
    department: 'DISABLED_PERSONS',
    label: '残联 重度残疾人',
    occurredOn: '残疾证核发或变更日期',
    columns: {
      status: { required: true, values: ['CERTIFIED', 'SUBSIDISED', 'REVOKED'], meaning: 'CERTIFIED 持证, SUBSIDISED 已享两项补贴, REVOKED 注销' },
      kind: { required: true, values: ['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE'], meaning: '残疾类别' },
      level: { required: true, meaning: '残疾等级 1–4 (1 and 2 are severe)' },
    },
  },
  DEATH: {
    department: 'PUBLIC_SECURITY',
    label: '公安 死亡注销',
    occurredOn: '死亡日期',
    columns: { reference: { required: false, meaning: '注销凭证号' } },
  },
  HOUSEHOLD_CHANGE: {
    department: 'PUBLIC_SECURITY',
    label: '公安 户籍变动',
    occurredOn: '变动日期',
    columns: {
      kind: { required: true, values: ['MOVED_IN', 'MOVED_OUT', 'SPLIT', 'MERGED'], meaning: '变动类型' },
      regionCode: { required: false, meaning: '迁入地行政区划代码 (MOVED_IN)' },
    },
  },
  DISASTER: {
    department: 'EMERGENCY_MANAGEMENT',
    label: '应急管理 受灾人员',
    occurredOn: '灾害发生日期',
    columns: {
      status: { required: true, values: ['AFFECTED', 'RELIEVED'], meaning: 'AFFECTED 受灾, RELIEVED 已给予受灾救助' },
      kind: { required: true, values: ['FLOOD', 'DROUGHT', 'EARTHQUAKE', 'FIRE', 'STORM', 'GEOLOGICAL', 'OTHER'], meaning: '灾种' },
      level: { required: true, meaning: '损失程度 1 (轻微) – 3 (严重)' },
    },
  },
  BUSINESS: {
    department: 'MARKET_REGULATION',
    label: '市场监管 市场主体登记',
    occurredOn: '登记或变更日期',
    columns: {
      status: { required: true, values: ['ACTIVE', 'CANCELLED'], meaning: 'ACTIVE 存续, CANCELLED 注销' },
      amount: { required: true, meaning: '注册资本 (元)' },
      reference: { required: true, meaning: '统一社会信用代码' },
    },
  },
  VEHICLE: {
    department: 'PUBLIC_SECURITY',
    label: '公安交管 机动车登记',
    occurredOn: '登记日期',
    columns: {
      status: { required: true, values: ['REGISTERED', 'DEREGISTERED'], meaning: 'REGISTERED 在册, DEREGISTERED 注销或转出' },
      kind: { required: true, values: ['CAR', 'TRUCK', 'MOTORCYCLE', 'AGRICULTURAL', 'OTHER'], meaning: '车辆类型' },
      amount: { required: true, meaning: '购置价或评估价 (元)' },
    },
  },
  REAL_ESTATE: {
    department: 'NATURAL_RESOURCES',
    label: '不动产登记',
    occurredOn: '登记日期',
    columns: {
      status: { required: true, values: ['REGISTERED', 'CANCELLED'], meaning: 'REGISTERED 登记, CANCELLED 注销' },
      level: { required: true, meaning: '登记后名下住房套数' },
      amount: { required: false, meaning: '建筑面积 (平方米)' },
    },
  },
  RELAPSE_STATUS: {
    department: 'AGRICULTURE',
    label: '农业农村 防止返贫监测状态',
    occurredOn: '监测信息更新日期',
    columns: {
      status: { required: true, values: ['MONITORED', 'RISK_ELIMINATED'], meaning: 'MONITORED 监测中, RISK_ELIMINATED 已消除风险' },
      amount: { required: true, meaning: '家庭人均月收入 (元)' },
    },
  },
  PAYMENT_LATE: {
    department: 'CIVIL_AFFAIRS',
    label: '民政 资金发放 (payments subgraph)',
    occurredOn: '应发月份的第一天',
    columns: {
      status: { required: true, values: ['LATE', 'PAID'], meaning: 'LATE 10日前未发放, PAID 已补发' },
      amount: { required: true, meaning: '应发金额 (元)' },
      reference: { required: true, meaning: '工资单编号' },
    },
  },
} as const satisfies Record<string, FeedDefinition>;

export type Feed = keyof typeof FEEDS;
export const FEED_NAMES = Object.keys(FEEDS) as Feed[];

/** A feed row as submitted (the GraphQL input and a CSV line). Values are strings so a bad one is reported by row. */
export interface FeedRowInput {
  idNumber: string;
  occurredOn: string;
  status?: string | null;
  kind?: string | null;
  level?: string | null;
  amount?: string | null;
  regionCode?: string | null;
  reference?: string | null;
}

/** What a row becomes: the state kept per person and feed, and what rules read. */
export interface FeedState {
  occurredOn: string;
  status: string;
  kind: string;
  level: number;
  amount: number;
  regionCode: string;
  reference: string;
}

export interface FeedRow {
  row: number;
  idNumber: string;
  occurredOn: Date;
  state: FeedState;
}

export interface RowError {
  row: number;
  idNumber: string;
  code: 'INVALID_ID_NUMBER' | 'INVALID_DATE' | 'INVALID_VALUE' | 'MISSING_VALUE' | 'DUPLICATE_ROW';
  column?: string;
  message: string;
}

type Column = keyof FeedDefinition['columns'];

/** Born by the day before yesterday in China: never in the future on the local calendar parseIdNumber bounds by. */
let boundOn: Date | undefined;
let birthBound = 0;
function latestBirth(on: Date): number {
  if (on !== boundOn) {
    const bound = addDays(on, -1);
    birthBound = bound.getUTCFullYear() * 10_000 + (bound.getUTCMonth() + 1) * 100 + bound.getUTCDate();
    boundOn = on;
  }
  return birthBound;
}

/**
 * Checks one row (1-based `row`) against the feed's layout: the row as kept, or its errors. Called for every row of a
 * million-row feed, so a good row costs no closure and no intermediate strings.
 */
export function validateFeedRow(feed: Feed, input: FeedRowInput, row: number, on: Date = today()): { row?: FeedRow; errors: RowError[] } {
  const definition: FeedDefinition = FEEDS[feed];
  const errors: RowError[] = [];
  const raw = input.idNumber ?? '';
  // The usual spelling is checked in place; parseIdNumber normalises any other, or says what is wrong.
  const parsed = isCanonicalIdNumber(raw, latestBirth(on)) ? { ok: true as const, idNumber: raw } : parseIdNumber(raw);
  if (!parsed.ok) fail(errors, row, 'INVALID_ID_NUMBER', parsed.message, 'id_number');
  const occurredOn = (input.occurredOn ?? '').trim();
  const date = parseCivilDate(occurredOn);
  if (!date) fail(errors, row, 'INVALID_DATE', `occurred_on must be a date YYYY-MM-DD, got "${occurredOn}"`, 'occurred_on');
  else if (date > on) fail(errors, row, 'INVALID_DATE', 'occurred_on must not be in the future', 'occurred_on');
  const status = columnValue(feed, definition, input, 'status', row, errors);
  const kind = columnValue(feed, definition, input, 'kind', row, errors);
  const levelText = columnValue(feed, definition, input, 'level', row, errors);
  const amountText = columnValue(feed, definition, input, 'amount', row, errors);
  const regionCode = columnValue(feed, definition, input, 'regionCode', row, errors);
  const reference = columnValue(feed, definition, input, 'reference', row, errors);
  const level = levelText === '' ? 0 : Number(levelText);
  if (levelText !== '' && !/^\d{1,2}$/.test(levelText)) fail(errors, row, 'INVALID_VALUE', 'level must be a whole number from 0 to 99', 'level');
  const amount = amountText === '' ? 0 : Number(amountText);
  if (amountText !== '' && !/^\d{1,12}(\.\d{1,2})?$/.test(amountText))
    fail(errors, row, 'INVALID_VALUE', 'amount must be a non-negative number with at most 2 decimals', 'amount');
  if (regionCode !== '') {
    const checked = validateRegionCode(regionCode);
    if (!checked.ok) fail(errors, row, 'INVALID_VALUE', checked.message, 'regionCode');
  }
  if (reference.length > 64) fail(errors, row, 'INVALID_VALUE', 'reference must be at most 64 characters', 'reference');
  if (errors.length || !parsed.ok || !date) {
    // Masked only for an error: a good row does not pay for it.
    const shown = parsed.ok ? maskIdNumber(parsed.idNumber) : String(raw).slice(0, 6);
    for (const error of errors) error.idNumber = shown;
    return { errors };
  }
  return { row: { row, idNumber: parsed.idNumber, occurredOn: date, state: { occurredOn, status, kind, level, amount, regionCode, reference } }, errors };
}

/** An error of the row; its masked ID number is filled in once the row is checked. */
function fail(errors: RowError[], row: number, code: RowError['code'], message: string, column?: string) {
  errors.push({ row, idNumber: '', code, column, message });
}

/** A column's trimmed value, checked against the feed's rule for it ('' when empty or not used). */
function columnValue(feed: Feed, definition: FeedDefinition, input: FeedRowInput, column: Column, row: number, errors: RowError[]): string {
  const raw = (input[column] ?? '').toString().trim();
  const rule = definition.columns[column];
  if (!rule) {
    if (raw !== '') fail(errors, row, 'INVALID_VALUE', `${feed} rows have no ${column}`, column);
    return '';
  }
  if (raw === '') {
    if (rule.required) fail(errors, row, 'MISSING_VALUE', `${column} is required for ${feed}`, column);
    return '';
  }
  if (rule.values && !rule.values.includes(raw)) fail(errors, row, 'INVALID_VALUE', `${column} must be one of ${rule.values.join(', ')}`, column);
  return raw;
}

/** Checks every row of a list, duplicates included; returns the good rows and every error. */
export function validateFeedRows(feed: Feed, rows: readonly FeedRowInput[], on: Date = today()): { rows: FeedRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const good: FeedRow[] = [];
  rows.forEach((input, index) => {
    const checked = validateFeedRow(feed, input, index + 1, on);
    errors.push(...checked.errors);
    if (!checked.row) return;
    const first = seen.get(checked.row.idNumber);
    if (first !== undefined) {
      errors.push({
        row: index + 1,
        idNumber: maskIdNumber(checked.row.idNumber),
        code: 'DUPLICATE_ROW',
        message: `same person as row ${first}: a batch holds one row per person`,
      });
    } else {
      seen.set(checked.row.idNumber, index + 1);
      good.push(checked.row);
    }
  });
  return { rows: good, errors };
}

/** The error for a refused batch: `bad` rows of `total` (the list may be capped), nothing written. */
export function batchRejected(errors: RowError[], total: number, bad = new Set(errors.map((error) => error.row)).size) {
  return new DomainError(ErrorCode.BATCH_REJECTED, `${bad} of ${total} rows are invalid; nothing was imported`, {
    rows: [...errors].sort((a, b) => a.row - b.row),
  });
}
