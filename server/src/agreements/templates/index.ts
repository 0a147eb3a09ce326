import type { AgreementKind, AgreementTemplatePublic, Language } from '@ideasphere/shared';
import { AGREEMENT_KINDS, LANGUAGES } from '@ideasphere/shared';
import { templatesEn } from './en.js';
import { templatesZh } from './zh.js';

const TEMPLATES: Record<Language, Record<AgreementKind, string>> = { zh: templatesZh, en: templatesEn };

/** The template text of a kind in a language, with `{{variable}}` placeholders. */
export function templateText(kind: AgreementKind, language: Language): string {
  return TEMPLATES[language][kind];
}

/** Every template, for the create form. */
export function allTemplates(): AgreementTemplatePublic[] {
  return LANGUAGES.flatMap((language) => AGREEMENT_KINDS.map((kind) => ({ kind, language, body: templateText(kind, language) })));
}
