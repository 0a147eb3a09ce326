import type { FieldPublic } from '@ideasphere/shared';
import type { FieldRecord } from '../store/ChallengeStore.js';

export function presentField(field: FieldRecord): FieldPublic {
  return { id: field.id, nameZh: field.nameZh, nameEn: field.nameEn, archived: field.archived, createdAt: field.createdAt.toISOString() };
}
