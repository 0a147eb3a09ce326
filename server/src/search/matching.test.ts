import { describe, expect, it } from 'vitest';
import { MATCH_QUERY_TERMS_MAX, SearchIndex } from './SearchIndex.js';
import { distinctiveTerms } from './distinctiveTerms.js';
import { ANONYMOUS_VIEWER, type ChallengeDocument, type ProfileDocument, type SearchDocument } from './searchDocument.js';

const challenge: ChallengeDocument = {
  kind: 'challenge',
  id: 'c1',
  title: 'Recycling lithium from spent EV batteries',
  body: 'We need a low-cost hydrometallurgical route to recover lithium and cobalt from spent battery cells at pilot scale.',
  fields: ['energy', 'materials'],
  keywords: ['battery recycling'],
  access: { audience: 'public' },
  status: 'open',
};

const sources: SearchDocument[] = [
  { kind: 'profile', id: 'same-field', title: 'Battery materials lab', body: 'Cathode synthesis and lithium recovery from spent cells.', fields: ['energy'], keywords: ['hydrometallurgy'], access: { audience: 'public' } },
  { kind: 'idea', id: 'cross-field', title: 'Solvent extraction of cobalt', body: 'Mining know-how applied to battery waste: leaching and solvent extraction recover cobalt and lithium.', fields: ['mining'], keywords: [], access: { audience: 'public' } },
  { kind: 'proposal', id: 'unrelated', title: 'Drone crop spraying', body: 'Precision agriculture with drones.', fields: ['agriculture'], keywords: [], access: { audience: 'public' } },
  { kind: 'profile', id: 'private', title: 'Internal lithium recovery team', body: 'lithium recovery spent battery cells', fields: ['energy'], keywords: [], access: { audience: 'organisations', organisationIds: ['acme'] } },
];

function index(): SearchIndex {
  const built = new SearchIndex();
  for (const source of [challenge, ...sources]) built.upsert(source);
  return built;
}

describe('matching', () => {
  it('ranks solvers for a challenge and explains each with shared terms and fields', () => {
    const hits = index().matchForChallenge(challenge, { viewer: ANONYMOUS_VIEWER });
    expect(hits.map((hit) => hit.id)).toEqual(['same-field', 'cross-field']);
    const [sameField, crossField] = hits;
    expect(sameField?.why.fields).toEqual(['energy']);
    expect(sameField?.why.crossField).toBe(false);
    expect(sameField?.why.terms).toEqual(expect.arrayContaining(['lithium', 'spent', 'cells']));
    expect(crossField?.why).toMatchObject({ fields: [], crossField: true });
    expect(crossField?.why.terms).toEqual(expect.arrayContaining(['cobalt', 'lithium']));
  });

  it('gives private sources only to members, and nothing at all for a challenge the viewer may not see', () => {
    const built = index();
    expect(built.matchForChallenge(challenge, { viewer: ANONYMOUS_VIEWER }).map((hit) => hit.id)).not.toContain('private');
    // Not even the scores or the terms chosen change because the private profile exists.
    const withoutPrivate = new SearchIndex();
    for (const source of [challenge, ...sources.filter((source) => source.id !== 'private')]) withoutPrivate.upsert(source);
    expect(built.matchForChallenge(challenge, { viewer: ANONYMOUS_VIEWER })).toEqual(withoutPrivate.matchForChallenge(challenge, { viewer: ANONYMOUS_VIEWER }));
    expect(built.matchForChallenge(challenge, { viewer: { signedIn: true, organisationIds: ['acme'] } }).map((hit) => hit.id)).toContain('private');
    const secret: ChallengeDocument = { ...challenge, id: 'secret', access: { audience: 'organisations', organisationIds: ['acme'] } };
    built.upsert(secret);
    expect(built.matchForChallenge(secret, { viewer: ANONYMOUS_VIEWER })).toEqual([]);
  });

  it("offers a profile open challenges it may see, never closed ones or another organisation's private ones", () => {
    const built = index();
    built.upsert({ ...challenge, id: 'closed', status: 'closed' });
    built.upsert({ ...challenge, id: 'secret', access: { audience: 'organisations', organisationIds: ['acme'] } });
    const profile = sources[0] as ProfileDocument;
    expect(built.matchForProfile(profile, { viewer: ANONYMOUS_VIEWER }).map((hit) => hit.id)).toEqual(['c1']);
    expect(built.matchForProfile(profile, { viewer: { signedIn: true, organisationIds: ['acme'] } }).map((hit) => hit.id).sort()).toEqual(['c1', 'secret']);
  });

  it('caps the query a long challenge makes and keeps its rarest, most repeated terms', () => {
    const counts = new Map<string, number>([
      ['lithium', 4],
      ['battery', 1],
      ['common', 5],
      ['nowhere', 9],
    ]);
    const frequency = (term: string) => ({ lithium: 2, battery: 2, common: 90, nowhere: 0 })[term] ?? 0;
    const chosen = distinctiveTerms(counts, { documents: 100, frequency }, 2).map((term) => term.term);
    expect(chosen).toEqual(['lithium', 'battery']);
    const long: ChallengeDocument = { ...challenge, body: Array.from({ length: 400 }, (_, n) => `term${n}q lithium`).join(' ') };
    const built = index();
    built.upsert({ kind: 'idea', id: 'many', title: 'x', body: long.body, fields: [], keywords: [], access: { audience: 'public' } });
    const [top] = built.matchForChallenge(long, { viewer: ANONYMOUS_VIEWER });
    expect(top?.id).toBe('many');
    expect(top?.why.terms.length).toBeLessThanOrEqual(MATCH_QUERY_TERMS_MAX);
  });

  it('reaches a profile in the other language through the bilingual names of a shared field', () => {
    const labels: Record<string, string[]> = { materials: ['新材料', 'Advanced materials'] };
    const built = new SearchIndex({ fieldLabels: (id) => labels[id] ?? [] });
    const zhChallenge: ChallengeDocument = { ...challenge, id: 'zh', title: '耐高温涂层', body: '航空发动机叶片需要抗氧化涂层', fields: ['materials'], keywords: [] };
    built.upsert(zhChallenge);
    built.upsert({ kind: 'profile', id: 'en', title: 'Ceramic composites group', body: 'SiC composites for turbines', fields: ['materials'], keywords: [], access: { audience: 'public' } });
    built.upsert({ kind: 'profile', id: 'elsewhere', title: 'Ceramic composites group', body: 'SiC composites for turbines', fields: ['energy'], keywords: [], access: { audience: 'public' } });
    const hits = built.matchForChallenge(zhChallenge, { viewer: ANONYMOUS_VIEWER });
    expect(hits.map((hit) => hit.id)).toEqual(['en']);
    // The field explains it; its names are not reported again as shared words.
    expect(hits[0]?.why).toEqual({ terms: [], fields: ['materials'], crossField: false });
  });
});

