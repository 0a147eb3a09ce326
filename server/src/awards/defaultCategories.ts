import type { AwardCriterion } from '@ideasphere/shared';
import { newId } from '../ids.js';
import type { AwardCategoryRecord } from '../store/AwardStore.js';

/** The jury's criteria of a new category: impact 40, innovation 40, collaboration 20 (the owner edits them). */
export function defaultCriteria(): AwardCriterion[] {
  return [
    { id: newId(), name: '影响力 Impact', weight: 40, guidance: 'What changed because of this work, for whom, and how much.' },
    { id: newId(), name: '创新性 Innovation', weight: 40, guidance: 'How new the idea or the way of doing it is.' },
    { id: newId(), name: '协作 Collaboration', weight: 20, guidance: 'How it brought people, teams or organisations together.' },
  ];
}

/** A category with the default criteria and no session, vote or winners yet. */
export function newCategory(input: { nameZh: string; nameEn: string; description: string; winnersCount: number }): AwardCategoryRecord {
  return { id: newId(), ...input, criteria: defaultCriteria(), liveSessionId: null, audienceVote: null, winners: null };
}

/** The conference's three awards, every new programme starts with them (renamed or extended at will). */
export function seededCategories(): AwardCategoryRecord[] {
  return [
    newCategory({ nameZh: '科技之星', nameEn: 'Science and technology star', description: '', winnersCount: 1 }),
    newCategory({ nameZh: '新星', nameEn: 'New star', description: '', winnersCount: 1 }),
    newCategory({ nameZh: '先进团队', nameEn: 'Advanced team', description: '', winnersCount: 1 }),
  ];
}
