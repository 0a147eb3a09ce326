import type { challengeEn } from './challengeEn.js';

/** 需求对接（/platform/challenges、/platform/fields）页面的中文文案。键与 `challengeEn.ts` 完全一致。 */
export const challengeZh: Record<keyof typeof challengeEn, string> = {
  'challenge.nav.fields': '领域',

  'challenge.fields.title': '领域',
  'challenge.fields.lead': '发布需求时选择的领域分类。已归档的领域保留其下的需求，但不再供新需求选择。',
  'challenge.fields.nameZh': '中文名称',
  'challenge.fields.nameEn': '英文名称',
  'challenge.fields.state': '状态',
  'challenge.fields.actions': '操作',
  'challenge.fields.active': '使用中',
  'challenge.fields.archived': '已归档',
  'challenge.fields.archive': '归档',
  'challenge.fields.restore': '恢复',
  'challenge.fields.rename': '改名',
  'challenge.fields.save': '保存',
  'challenge.fields.cancel': '取消',
  'challenge.fields.addTitle': '添加领域',
  'challenge.fields.add': '添加领域',
  'challenge.fields.added': '已添加：{name}。',
  'challenge.fields.saved': '已保存：{name}。',
  'challenge.fields.empty': '还没有领域。请在下方添加第一个。',
  'challenge.fields.namesMissing': '请填写中英文两个名称。',
};
