import type { MessageKey } from './en.js';

/** 简体中文界面文字。 */
export const zh: Record<MessageKey, string> = {
  'app.name': '创想球 IdeaSphere',
  'lang.zh': '中文',
  'lang.en': 'English',
  'error.bad_request': '请检查您输入的内容。',
  'error.unauthorized': '此链接或密钥对本场会话无效。',
  'error.forbidden': '您没有权限执行此操作。',
  'error.not_found': '该会话不存在，请检查代码。',
  'error.conflict': '与已有内容冲突。',
  'error.rate_limited': '尝试次数过多，请稍后再试。',
  'error.payload_too_large': '内容太大。',
  'error.unsupported_media_type': '不支持该文件类型。',
  'error.protocol_mismatch': '页面版本过旧，请刷新。',
  'error.unavailable': '服务器繁忙，请重试。',
  'error.internal': '服务器出错了，请重试。',
  'error.network': '无法连接服务器。',
};
