/** The vehicle classes of 公务用车保有量 (docs/domain.md), apart from the schema so that checks need not load zod. */
export const VEHICLE_TYPES = [
  '副部（省）级及以上领导用车',
  '主要领导干部用车',
  '机要通信用车',
  '应急保障用车',
  '执法执勤用车',
  '特种专业技术用车',
  '离退休干部用车',
  '其他用车',
] as const;
