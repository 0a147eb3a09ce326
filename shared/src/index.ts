export * from './errors.js';
export * from './events.js';
export * from './joinCode.js';
export * from './languages.js';
export * from './limits.js';
export * from './model.js';
export * from './schemas.js';
export * from './i18n/index.js';
