import { builder } from '../builder.ts';

export const DifficultWorkerReason = builder.enumType('DifficultWorkerReason', {
  description: '致困原因: why a worker is in difficulty.',
  values: {
    LAID_OFF: { description: '下岗失业: laid off or unemployed.' },
    ILLNESS: { description: '患病: the worker or a family member is seriously ill.' },
    DISABILITY: { description: '残疾: the worker or a family member is disabled.' },
    FAMILY_HARDSHIP: { description: '家庭困难: other family hardship (e.g. many dependants, a disaster).' },
    OTHER: { description: '其他: another reason, explained in reasonDetail.' },
  },
});

export const DifficultWorkerFileStatus = builder.enumType('DifficultWorkerFileStatus', {
  description: '档案状态: state of a difficult-worker file.',
  values: {
    OPEN: { description: '在档: the worker is on file and may receive union assistance.' },
    CLOSED: { description: '销档/脱困: closed for good; a worker in difficulty again gets a new file.' },
  },
});

export const UnionAssistanceKind = builder.enumType('UnionAssistanceKind', {
  description: '帮扶类型: the kind of union assistance.',
  values: {
    LIVING: { description: '生活救助: help with basic living costs.' },
    MEDICAL: { description: '医疗救助: help with medical costs.' },
    EDUCATION: { description: '助学: help with a child’s schooling costs (金秋助学).' },
    SEASONAL_VISIT: { description: '送温暖: the visit with cash or goods around the Spring Festival and other holidays.' },
  },
});
