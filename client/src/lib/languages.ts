/** The UI languages in switcher order (from shared's zod-free module). */
export { LANGUAGES as UI_LANGUAGES, isLanguage } from '@ideasphere/shared/languages.js';
