// 家庭经济状况核对: the report of what was declared against what the register and the departments
// record, each item with its source and date, and the differences a reviewer must look at.
import { addMonths, formatDate } from '@lip/shared/calendar';
import { toFen } from '@lip/shared/money';
import { yuan } from './assessment.ts';

export interface VerificationItem {
  /** Who says so: 申请人申报, 民政 低收入人口库, 医保局, 总工会, 住建局, or an outside feed (公安交管 机动车登记…). */
  source: string;
  /** The member it is about (ID number), or null for the household. */
  idNumber: string | null;
  item: string;
  value: string;
  /** The date the source's record is as of (YYYY-MM-DD). */
  asOf: string;
}

export interface VerificationReport {
  assembledOn: string;
  items: VerificationItem[];
  /** Declared versus found, in plain words, for the reviewer. */
  differences: string[];
  /** Sources that could not be read when the report was assembled (the report says so rather than guessing). */
  unavailable: string[];
}

export interface Declared {
  submittedOn: Date;
  incomes: readonly { kind: string; memberIdNumber?: string | null; monthlyAmount: string }[];
  assets: readonly { kind: string; value: string; description: string }[];
  expenditures: readonly { kind: string; annualAmount: string; description: string }[];
}

export interface RegisterRecord {
  monthlyIncome: string;
  financialAssets: string;
  realEstateCount: number;
  vehicleCount: number;
  updatedAt: Date;
}

/** One row of a feed from a department outside the graph, as monitoring holds it (columns per feed). */
export interface FeedRecord {
  feed: string;
  /** The feed's department and register, e.g. 公安交管 机动车登记. */
  source: string;
  occurredOn: string;
  status: string | null;
  kind: string | null;
  level: number | null;
  amount: string | null;
  reference: string | null;
}

/** What the departments in the graph, and the outside feeds monitoring holds, record about one member (read through the gateway). */
export interface DepartmentRecords {
  idNumber: string;
  medicalYearTotals: readonly { year: number; outOfPocketTotal: string }[];
  unionAssistance: readonly { kind: string; amount: string; grantedOn: string }[];
  urbanHousingAssistances: readonly { kind: string; monthlyAmount: string | null; startDate: string; current: boolean }[];
  /** Vehicles, businesses, real estate and unemployment, newest first; empty where no feed has a row. */
  feedRecords: readonly FeedRecord[];
}

/** The name the report gives the outside feeds when monitoring cannot be read. */
export const FEED_SOURCE = '外部数据 (民政 监测)';

const VEHICLE_KIND: Record<string, string> = { CAR: '小型汽车', TRUCK: '货车', MOTORCYCLE: '摩托车', AGRICULTURAL: '农用车', OTHER: '其他车辆' };
const UNEMPLOYMENT_STATUS: Record<string, string> = { REGISTERED: '登记失业', ASSISTED: '已给予就业援助', EMPLOYED: '已就业' };

const money = (amount: string | null) => (toFen(amount ?? '0') / 100).toFixed(2);

/** A feed row as a report item: what the row says, in words, and its value. */
function feedItem(row: FeedRecord): { item: string; value: string } {
  switch (row.feed) {
    case 'VEHICLE':
      return {
        item: `机动车 ${VEHICLE_KIND[row.kind ?? ''] ?? row.kind ?? ''}（${row.status === 'REGISTERED' ? '在册' : '已注销或转出'}）购置价 (元)`,
        value: money(row.amount),
      };
    case 'BUSINESS':
      return { item: `市场主体 ${row.reference ?? ''}（${row.status === 'ACTIVE' ? '存续' : '已注销'}）注册资本 (元)`, value: money(row.amount) };
    case 'REAL_ESTATE':
      return {
        item: `不动产${row.status === 'REGISTERED' ? '登记' : '注销'}${row.amount ? `，建筑面积 ${row.amount} 平方米` : ''}，登记后名下住房 (套)`,
        value: String(row.level ?? 0),
      };
    case 'UNEMPLOYMENT':
      return { item: '失业登记状态', value: UNEMPLOYMENT_STATUS[row.status ?? ''] ?? row.status ?? '' };
    default:
      return { item: row.feed, value: row.status ?? '' };
  }
}

/** The newest row of each feed (and, for businesses, of each credit code) per member: rows come newest first. */
function latestRows(departments: readonly DepartmentRecords[]) {
  const latest: (FeedRecord & { idNumber: string })[] = [];
  for (const member of departments) {
    const seen = new Set<string>();
    for (const row of member.feedRecords) {
      const key = row.feed === 'BUSINESS' ? `${row.feed}:${row.reference}` : row.feed;
      if (seen.has(key)) continue;
      seen.add(key);
      latest.push({ ...row, idNumber: member.idNumber });
    }
  }
  return latest;
}

const INCOME_LABEL: Record<string, string> = { WAGES: '工资性收入', BUSINESS: '经营净收入', PROPERTY: '财产净收入', TRANSFER: '转移净收入', PENSION: '养老金' };
const ASSET_LABEL: Record<string, string> = { DEPOSITS: '存款', SECURITIES: '有价证券', VEHICLE: '机动车辆', REAL_ESTATE: '房产', BUSINESS: '企业/个体工商户' };
const EXPENDITURE_LABEL: Record<string, string> = { MEDICAL: '医疗支出', EDUCATION: '教育支出' };

const fenSum = (amounts: readonly string[]) => amounts.reduce((total, amount) => total + toFen(amount), 0);

export function buildVerification(input: {
  on: Date;
  declared: Declared;
  register: RegisterRecord;
  departments: readonly DepartmentRecords[];
  unavailable: readonly string[];
}): VerificationReport {
  const { on, declared, register, departments } = input;
  const declaredOn = formatDate(declared.submittedOn);
  const today = formatDate(on);
  const items: VerificationItem[] = [];
  const differences: string[] = [];
  const APPLICANT = '申请人申报';
  const REGISTER = '民政 低收入人口库';

  for (const income of declared.incomes) {
    items.push({
      source: APPLICANT,
      idNumber: income.memberIdNumber ?? null,
      item: `${INCOME_LABEL[income.kind] ?? income.kind} (元/月)`,
      value: income.monthlyAmount,
      asOf: declaredOn,
    });
  }
  for (const asset of declared.assets) {
    items.push({
      source: APPLICANT,
      idNumber: null,
      item: `${ASSET_LABEL[asset.kind] ?? asset.kind}：${asset.description}`,
      value: asset.value,
      asOf: declaredOn,
    });
  }
  for (const expenditure of declared.expenditures) {
    items.push({
      source: APPLICANT,
      idNumber: null,
      item: `${EXPENDITURE_LABEL[expenditure.kind] ?? expenditure.kind} (元/年)：${expenditure.description}`,
      value: expenditure.annualAmount,
      asOf: declaredOn,
    });
  }

  const registerOn = formatDate(register.updatedAt);
  items.push(
    { source: REGISTER, idNumber: null, item: '登记家庭月收入 (元)', value: register.monthlyIncome, asOf: registerOn },
    { source: REGISTER, idNumber: null, item: '登记金融资产 (元)', value: register.financialAssets, asOf: registerOn },
    { source: REGISTER, idNumber: null, item: '登记房产 (套)', value: String(register.realEstateCount), asOf: registerOn },
    { source: REGISTER, idNumber: null, item: '登记机动车 (辆)', value: String(register.vehicleCount), asOf: registerOn },
  );
  const declaredIncome = fenSum(declared.incomes.map((income) => income.monthlyAmount));
  if (toFen(register.monthlyIncome) !== declaredIncome) {
    differences.push(`申报家庭月收入 ${yuan(declaredIncome)} 元，登记为 ${register.monthlyIncome} 元`);
  }
  const declaredFinancial = fenSum(declared.assets.filter((asset) => asset.kind === 'DEPOSITS' || asset.kind === 'SECURITIES').map((asset) => asset.value));
  if (toFen(register.financialAssets) > declaredFinancial) {
    differences.push(`申报存款和有价证券 ${yuan(declaredFinancial)} 元，登记为 ${register.financialAssets} 元`);
  }
  const declaredCount = (kind: string) => declared.assets.filter((asset) => asset.kind === kind).length;
  if (register.realEstateCount !== declaredCount('REAL_ESTATE'))
    differences.push(`申报房产 ${declaredCount('REAL_ESTATE')} 套，登记为 ${register.realEstateCount} 套`);
  if (register.vehicleCount !== declaredCount('VEHICLE')) differences.push(`申报机动车 ${declaredCount('VEHICLE')} 辆，登记为 ${register.vehicleCount} 辆`);

  // Department records of the last twelve months.
  const since = formatDate(addMonths(on, -12));
  let outOfPocket = 0;
  let unionTotal = 0;
  let housingMonthly = 0;
  for (const member of departments) {
    for (const total of member.medicalYearTotals) {
      items.push({
        source: '医保局',
        idNumber: member.idNumber,
        item: `${total.year} 年医疗费用个人自付 (元)`,
        value: total.outOfPocketTotal,
        asOf: total.year === on.getUTCFullYear() ? today : `${total.year}-12-31`,
      });
      if (total.year === on.getUTCFullYear()) outOfPocket += toFen(total.outOfPocketTotal);
    }
    for (const assistance of member.unionAssistance) {
      items.push({
        source: '总工会',
        idNumber: member.idNumber,
        item: `工会帮扶 ${assistance.kind} (元)`,
        value: assistance.amount,
        asOf: assistance.grantedOn,
      });
      if (assistance.grantedOn >= since) unionTotal += toFen(assistance.amount);
    }
    for (const housing of member.urbanHousingAssistances) {
      items.push({
        source: '住建局',
        idNumber: member.idNumber,
        item: `住房保障 ${housing.kind}${housing.current ? ' (在保)' : ''} (元/月)`,
        value: housing.monthlyAmount ?? '0.00',
        asOf: housing.startDate,
      });
      if (housing.current && housing.monthlyAmount) housingMonthly += toFen(housing.monthlyAmount);
    }
  }
  const declaredMedical = fenSum(declared.expenditures.filter((item) => item.kind === 'MEDICAL').map((item) => item.annualAmount));
  if (declaredMedical > 0 && declaredMedical > outOfPocket && !input.unavailable.includes('医保局')) {
    differences.push(`申报年医疗支出 ${yuan(declaredMedical)} 元，医保记录本年个人自付 ${yuan(outOfPocket)} 元`);
  }
  const declaredTransfer = fenSum(declared.incomes.filter((income) => income.kind === 'TRANSFER').map((income) => income.monthlyAmount));
  if (unionTotal > 0 && declaredTransfer * 12 < unionTotal) {
    differences.push(`近 12 个月工会帮扶 ${yuan(unionTotal)} 元，申报转移净收入每月 ${yuan(declaredTransfer)} 元`);
  }
  if (housingMonthly > 0 && declaredTransfer < housingMonthly) {
    differences.push(`在享住房保障每月 ${yuan(housingMonthly)} 元，申报转移净收入每月 ${yuan(declaredTransfer)} 元`);
  }
  // Outside feeds (vehicles, businesses, real estate, unemployment), where monitoring holds rows.
  for (const member of departments) {
    for (const row of member.feedRecords) items.push({ source: row.source, idNumber: member.idNumber, ...feedItem(row), asOf: row.occurredOn });
  }
  const latest = latestRows(departments);
  const found = (feed: string, status: string) => latest.filter((row) => row.feed === feed && row.status === status);
  const vehicles = found('VEHICLE', 'REGISTERED').length;
  if (vehicles > declaredCount('VEHICLE')) differences.push(`申报机动车 ${declaredCount('VEHICLE')} 辆，公安交管登记在册 ${vehicles} 辆`);
  const businesses = found('BUSINESS', 'ACTIVE').length;
  if (businesses > declaredCount('BUSINESS')) differences.push(`申报企业或个体工商户 ${declaredCount('BUSINESS')} 个，市场监管登记存续 ${businesses} 个`);
  const homes = latest.filter((row) => row.feed === 'REAL_ESTATE').reduce((total, row) => total + (row.level ?? 0), 0);
  if (homes > declaredCount('REAL_ESTATE')) differences.push(`申报房产 ${declaredCount('REAL_ESTATE')} 套，不动产登记成员名下住房合计 ${homes} 套`);
  for (const row of found('UNEMPLOYMENT', 'EMPLOYED')) {
    if (!declared.incomes.some((income) => income.kind === 'WAGES' && income.memberIdNumber === row.idNumber)) {
      differences.push(`人社记录 ${row.idNumber.slice(-4)} 号成员 ${row.occurredOn} 已就业，未申报其工资性收入`);
    }
  }
  return { assembledOn: today, items, differences, unavailable: [...input.unavailable] };
}
