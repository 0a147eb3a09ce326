import type { FieldPublic, Language } from '@ideasphere/shared';

/** A field's name in the UI language. */
export function fieldName(language: Language, field: Pick<FieldPublic, 'nameZh' | 'nameEn'>): string {
  return language === 'zh' ? field.nameZh : field.nameEn;
}
