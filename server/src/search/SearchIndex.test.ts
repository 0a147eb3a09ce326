import { describe, expect, it } from 'vitest';
import { SEARCH_PAGE_MAX, SEARCH_QUERY_MAX_TERMS } from '@ideasphere/shared';
import { SearchIndex } from './SearchIndex.js';
import { ANONYMOUS_VIEWER, type SearchAccess, type SearchDocument } from './searchDocument.js';

const PUBLIC: SearchAccess = { audience: 'public' };
const ACME_ONLY: SearchAccess = { audience: 'organisations', organisationIds: ['acme'] };
const acmeMember = { signedIn: true, organisationIds: ['acme'] };
const rivalMember = { signedIn: true, organisationIds: ['rival'] };

function doc(kind: SearchDocument['kind'], id: string, title: string, body = '', extra: Partial<SearchDocument> = {}): SearchDocument {
  const base = { id, title, body, fields: [], keywords: [], access: PUBLIC, ...extra };
  return kind === 'challenge' ? { status: 'open', ...base, kind } : { ...base, kind };
}

function indexOf(...documents: SearchDocument[]): SearchIndex {
  const index = new SearchIndex();
  for (const document of documents) index.upsert(document);
  return index;
}

const ids = (response: { hits: { id: string }[] }) => response.hits.map((hit) => hit.id);

describe('SearchIndex.search', () => {
  it('finds a Chinese word inside a longer Chinese sentence', () => {
    const index = indexOf(
      doc('challenge', 'c1', '航空发动机叶片', '我们正在寻找一种耐高温、抗氧化的新材料用于涡轮叶片涂层'),
      doc('profile', 'p1', '王老师', '研究方向是农业无人机和植保'),
    );
    expect(ids(index.search('新材料', { viewer: ANONYMOUS_VIEWER }))).toEqual(['c1']);
    expect(ids(index.search('发动机', { viewer: ANONYMOUS_VIEWER }))).toEqual(['c1']);
    expect(index.search('新材料', { viewer: ANONYMOUS_VIEWER }).hits[0]?.matchedTerms.sort()).toEqual(['新材', '材料'].sort());
  });

  it('forgives a typo and matches a prefix in Latin text', () => {
    const index = indexOf(doc('proposal', 'p1', 'Lean manufacturing cells'), doc('idea', 'i1', 'Soil moisture sensing'), doc('idea', 'zh', '智能制造生产线', '制造业数字化转型'));
    expect(ids(index.search('manufacturng', { viewer: ANONYMOUS_VIEWER }))).toEqual(['p1']);
    expect(ids(index.search('manuf', { viewer: ANONYMOUS_VIEWER }))).toEqual(['p1']);
    expect(ids(index.search('MOISTRE', { viewer: ANONYMOUS_VIEWER }))).toEqual(['i1']);
  });

  it('answers a mixed Chinese and English query from documents in either language', () => {
    const index = indexOf(
      doc('profile', 'zh', '视觉检测团队', '基于深度学习的表面缺陷检测'),
      doc('profile', 'en', 'Vision lab', 'PCB inspection with machine vision'),
      doc('profile', 'other', 'Agronomy group', 'Irrigation scheduling'),
    );
    const response = index.search('PCB 缺陷检测', { viewer: ANONYMOUS_VIEWER });
    expect(ids(response).sort()).toEqual(['en', 'zh']);
  });

  it('explains each hit with the query terms it matched and where', () => {
    const index = indexOf(doc('profile', 'p1', 'Battery recycling lab', 'We recover lithium from spent cells', { keywords: ['hydrometallurgy'] }));
    const [hit] = index.search('lithium recycling hydrometallurgy', { viewer: ANONYMOUS_VIEWER }).hits;
    expect(hit?.matchedTerms.sort()).toEqual(['hydrometallurgy', 'lithium', 'recycling']);
    expect(hit?.matchedFields).toEqual(['body', 'keywords', 'title']);
  });

  it('ranks a title match above a body mention', () => {
    const index = indexOf(doc('idea', 'body', 'Packaging', 'could also help with graphene'), doc('idea', 'title', 'Graphene heat spreaders'));
    expect(ids(index.search('graphene', { viewer: ANONYMOUS_VIEWER }))).toEqual(['title', 'body']);
  });

  it("never shows another organisation's private challenge, nor counts it in totals or facets", () => {
    const publicOnes = [doc('challenge', 'open1', 'Ceramic coating for turbines'), doc('proposal', 'prop1', 'Ceramic coating by plasma spray')];
    const without = indexOf(...publicOnes);
    const withPrivate = indexOf(...publicOnes, doc('challenge', 'secret', 'Ceramic coating secret project', 'ceramic ceramic', { access: ACME_ONLY }));

    const rivalView = withPrivate.search('ceramic coating', { viewer: rivalMember });
    expect(ids(rivalView)).not.toContain('secret');
    // The private document changes nothing another viewer gets: hits, scores, totals, facets.
    expect(rivalView).toEqual(without.search('ceramic coating', { viewer: rivalMember }));
    expect(rivalView.total).toBe(2);
    expect(rivalView.facets.kinds.challenge).toBe(1);
    expect(withPrivate.search('secret', { viewer: ANONYMOUS_VIEWER }).total).toBe(0);

    const acmeView = withPrivate.search('ceramic coating', { viewer: acmeMember, kinds: ['challenge'] });
    expect(ids(acmeView).sort()).toEqual(['open1', 'secret']);
    expect(acmeView.total).toBe(2);
    expect(acmeView.facets.kinds).toEqual({ challenge: 2, profile: 0, proposal: 1, idea: 0 });
  });

  it('shows documents for platform members to signed-in viewers only, without counting them for anyone else', () => {
    const open = doc('profile', 'open', 'Battery recycling chemist');
    const membersOnly = doc('profile', 'members', 'Battery recycling engineer', 'battery battery', { access: { audience: 'members' } });
    const without = indexOf(open);
    const withMembers = indexOf(open, membersOnly);
    expect(withMembers.search('battery recycling', { viewer: ANONYMOUS_VIEWER })).toEqual(without.search('battery recycling', { viewer: ANONYMOUS_VIEWER }));
    const signedIn = { signedIn: true, organisationIds: [] };
    expect(ids(withMembers.search('battery recycling', { viewer: signedIn })).sort()).toEqual(['members', 'open']);
  });

  it('keeps ideas and proposals shown on members-only profiles out of every anonymous hit, total, facet, score and match', () => {
    const challenge = doc('challenge', 'c1', 'Graphene anticorrosion coating', 'steel plates in sea water', { fields: ['materials'] });
    const publicIdea = doc('idea', 'i1', 'Graphene coating spray', '', { fields: ['materials'], owner: 'person:a' });
    const members = { access: { audience: 'members' } as const, fields: ['materials'], owner: 'person:b' };
    const without = indexOf(challenge, publicIdea);
    const withMembers = indexOf(challenge, publicIdea, doc('idea', 'i2', 'Graphene coating members idea', 'graphene graphene', members), doc('proposal', 'p2', 'Graphene coating pilot', '', members));

    const anonymous = withMembers.search('graphene coating', { viewer: ANONYMOUS_VIEWER });
    expect(anonymous).toEqual(without.search('graphene coating', { viewer: ANONYMOUS_VIEWER }));
    expect(anonymous.facets.kinds).toEqual({ challenge: 1, profile: 0, proposal: 0, idea: 1 });
    expect(anonymous.hits.find((hit) => hit.kind === 'idea')?.owner).toBe('person:a');
    expect(withMembers.matchForChallenge(challenge as Extract<SearchDocument, { kind: 'challenge' }>, { viewer: ANONYMOUS_VIEWER, limit: 10 })).toEqual(
      without.matchForChallenge(challenge as Extract<SearchDocument, { kind: 'challenge' }>, { viewer: ANONYMOUS_VIEWER, limit: 10 }),
    );

    const signedIn = { signedIn: true, organisationIds: [] };
    expect(withMembers.search('graphene coating', { viewer: signedIn }).facets.kinds).toEqual({ challenge: 1, profile: 0, proposal: 1, idea: 2 });
    const matches = withMembers.matchForChallenge(challenge as Extract<SearchDocument, { kind: 'challenge' }>, { viewer: signedIn, limit: 10 });
    expect(matches.map((hit) => hit.id).sort()).toEqual(['i1', 'i2', 'p2']);
    expect(matches.every((hit) => hit.why.fields.includes('materials') && hit.why.terms.length > 0)).toBe(true);
  });

  it('narrows by kind and taxonomy field, pages, and counts the narrowed total', () => {
    const many = Array.from({ length: 30 }, (_, n) => doc(n % 2 ? 'idea' : 'proposal', `d${n}`, `Solar panel cleaning ${n}`, '', { fields: [n % 3 ? 'energy' : 'robotics'] }));
    const index = indexOf(...many);
    const ideas = index.search('solar', { viewer: ANONYMOUS_VIEWER, kinds: ['idea'], limit: 10 });
    expect(ideas.total).toBe(15);
    expect(ideas.hits).toHaveLength(10);
    expect(ideas.hits.every((hit) => hit.kind === 'idea')).toBe(true);
    const second = index.search('solar', { viewer: ANONYMOUS_VIEWER, kinds: ['idea'], limit: 10, offset: 10 });
    expect(second.hits).toHaveLength(5);
    expect(new Set([...ids(ideas), ...ids(second)]).size).toBe(15);
    expect(index.search('solar', { viewer: ANONYMOUS_VIEWER, fields: ['robotics'] }).total).toBe(10);
    expect(ideas.facets.fields).toEqual({ energy: 20, robotics: 10 });
    expect(index.search('solar', { viewer: ANONYMOUS_VIEWER, limit: 1_000 }).hits).toHaveLength(SEARCH_PAGE_MAX < 30 ? SEARCH_PAGE_MAX : 30);
  });

  it('cuts a huge query to its first terms instead of searching them all', () => {
    const index = indexOf(doc('idea', 'first', 'alpha'), doc('idea', 'late', 'omega'));
    const words = Array.from({ length: 5_000 }, (_, n) => `word${n}x`);
    const huge = ['alpha', ...words, 'omega'].join(' ');
    const response = index.search(huge, { viewer: ANONYMOUS_VIEWER });
    expect(ids(response)).toEqual(['first']);
    expect(response.hits[0]?.matchedTerms).toEqual(['alpha']);
    // Terms past the cap are not searched even inside the character cap.
    const tooMany = Array.from({ length: SEARCH_QUERY_MAX_TERMS }, (_, n) => `zz${n}q`).join(' ');
    expect(index.search(`${tooMany} omega`, { viewer: ANONYMOUS_VIEWER }).total).toBe(0);
  });

  it('forgets a removed document and replaces an upserted one', () => {
    const index = indexOf(doc('idea', 'i1', 'Drone spraying'), doc('idea', 'i2', 'Drone mapping'));
    expect(index.remove('idea', 'i1')).toBe(true);
    expect(index.remove('idea', 'i1')).toBe(false);
    expect(ids(index.search('drone', { viewer: ANONYMOUS_VIEWER }))).toEqual(['i2']);
    index.upsert(doc('idea', 'i2', 'Satellite mapping'));
    expect(index.search('drone', { viewer: ANONYMOUS_VIEWER }).total).toBe(0);
    expect(index.size).toBe(1);
  });

  it('hides a document at once when it becomes private, and shows it when it is published', () => {
    const index = indexOf(doc('challenge', 'c1', 'Hydrogen storage tanks'));
    index.upsert(doc('challenge', 'c1', 'Hydrogen storage tanks', '', { access: ACME_ONLY }));
    expect(index.search('hydrogen', { viewer: ANONYMOUS_VIEWER }).total).toBe(0);
    expect(index.search('hydrogen', { viewer: acmeMember }).total).toBe(1);
    index.upsert(doc('challenge', 'c1', 'Hydrogen storage tanks'));
    expect(index.search('hydrogen', { viewer: ANONYMOUS_VIEWER }).total).toBe(1);
    expect(index.size).toBe(1);
  });

  it('finds taxonomy field names in either language when the index knows the labels', () => {
    const labels: Record<string, string[]> = { materials: ['新材料', 'Advanced materials'] };
    const index = new SearchIndex({ fieldLabels: (id) => labels[id] ?? [] });
    index.upsert(doc('profile', 'p1', '李工', '十年经验', { fields: ['materials'] }));
    expect(index.search('materials', { viewer: ANONYMOUS_VIEWER }).hits[0]?.matchedFields).toEqual(['fieldLabels']);
    expect(index.search('新材料', { viewer: ANONYMOUS_VIEWER }).total).toBe(1);
  });

  it('rebuilds from an async iterable, keeping changes made while it ran', async () => {
    const index = indexOf(doc('idea', 'old', 'Old wind idea'));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* fromStore() {
      yield doc('idea', 'a', 'Wind turbine blades');
      await gate;
      yield doc('idea', 'b', 'Wind farm layout');
    }
    const rebuilt = index.rebuild(fromStore());
    await Promise.resolve();
    // Meanwhile the old index answers and takes changes, which the new one keeps too.
    expect(ids(index.search('wind', { viewer: ANONYMOUS_VIEWER }))).toEqual(['old']);
    index.upsert(doc('idea', 'c', 'Wind forecasting'));
    index.remove('idea', 'a');
    release();
    expect(await rebuilt).toBe(2);
    expect(ids(index.search('wind', { viewer: ANONYMOUS_VIEWER })).sort()).toEqual(['b', 'c']);
  });
});
