import { describe, expect, it } from 'vitest';
import type { StoredDeployment } from '../../../deployments/deployment-record';
import type { DestroyObservation } from './destroy-observe';
import { repositoryOfImageUri } from './destroy-observe';
import { decideDestroy, type DestroyFacts } from './destroy-plan';

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:iris';
const release = (version: string, imageDigest: string, id: number): StoredDeployment => ({
  id,
  projectDir: '/p/iris',
  name: 'prod',
  target: 'aws-lambda',
  functionArn: ARN,
  version,
  alias: 'live',
  imageDigest,
  profileId: 'p',
  plan: { fingerprint: 'f' },
  deployedAt: '2026-12-06T00:00:00.000Z',
});

function observed(over: Partial<DestroyObservation> = {}): DestroyObservation {
  return {
    functionName: 'iris',
    fn: { arn: ARN, revisionId: 'r1', imageUri: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/iris@${digest(2)}`, imageRepository: 'iris', imageDigest: digest(2), role: 'arn:aws:iam::123456789012:role/skylift-iris', tags: null, tagsError: null },
    aliases: [{ name: 'live', version: '2', revisionId: 'a1' }],
    versions: [
      { version: '1', imageDigest: digest(1) },
      { version: '2', imageDigest: digest(2) },
    ],
    repositoryName: 'iris',
    repository: undefined,
    ...over,
  };
}

const facts = (over: Partial<DestroyFacts> = {}): DestroyFacts => ({
  observed: observed(),
  images: false,
  project: 'iris',
  deploymentName: 'prod',
  records: [release('2', digest(2), 2), release('1', digest(1), 1)],
  otherDigests: new Set(),
  alias: 'live',
  sharedWith: [],
  ...over,
});

describe('decideDestroy', () => {
  it('deletes aliases and the function with its versions, keeps the role and, unasked, the images', () => {
    const decision = decideDestroy(facts());
    expect(decision.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'delete function iris', 'keep role skylift-iris', "delete Skylift's record of prod", 'keep images in iris']);
    expect(decision).toMatchObject({ changes: true, aliases: ['live'], deleteFunction: true, images: [], deleteRepository: false, forgetRecords: true });
  });

  it('with images, deletes only the ones this deployment ran and no other deployment recorded; the repository stays while it holds others', () => {
    const decision = decideDestroy(
      facts({
        images: true,
        otherDigests: new Set([digest(1)]),
        observed: observed({ repository: { images: [{ digest: digest(1), tags: [] }, { digest: digest(2), tags: ['v2'] }, { digest: digest(9), tags: ['manual'] }] } }),
      }),
    );
    expect(decision.images).toEqual([digest(2)]);
    expect(decision.deleteRepository).toBe(false);
    expect(decision.lines.filter((l) => /^(image|repository)/.test(l.subject)).map((l) => [l.action, l.subject, l.detail])).toEqual([
      ['keep', `image ${digest(1)}`, 'Kept: another deployment of this project runs it.'],
      ['delete', `image ${digest(2)}`, undefined],
      ['keep', `image ${digest(9)}`, 'Kept: this deployment never ran it.'],
      ['keep', 'repository iris', 'It still holds 2 images this destroy keeps.'],
    ]);
  });

  it('deletes the repository when every image in it goes', () => {
    const decision = decideDestroy(facts({ images: true, observed: observed({ repository: { images: [{ digest: digest(1), tags: [] }, { digest: digest(2), tags: [] }] } }) }));
    expect(decision).toMatchObject({ images: [digest(1), digest(2)], deleteRepository: true });
  });

  it('with the function gone but a record left, forgets the record and says why', () => {
    const decision = decideDestroy(facts({ observed: observed({ fn: null, aliases: [], versions: [] }) }));
    expect(decision.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(["delete Skylift's record of prod"]);
    expect(decision.warnings[0]).toMatch(/no longer exists/);
    expect(decision.deleteFunction).toBe(false);
  });

  it('with nothing anywhere, no change', () => {
    expect(decideDestroy(facts({ records: [], observed: observed({ fn: null, aliases: [], versions: [] }) }))).toMatchObject({ changes: false, lines: [] });
  });

  it('refuses a function outside Skylift\'s repository, or with neither Skylift\'s record nor its tags, saying which marks it looked for', () => {
    expect(() => decideDestroy(facts({ observed: observed({ fn: { ...observed().fn!, imageRepository: 'other' } }) }))).toThrow(/not an image from Skylift's repository iris/);
    const marks = /no record of publishing .*function:iris as deployment prod on this machine, and it does not carry Skylift's tags skylift:managed-by=skylift, skylift:project=iris and skylift:deployment=prod, so Skylift will not delete it/;
    expect(() => decideDestroy(facts({ records: [] }))).toThrow(marks);
    expect(() => decideDestroy(facts({ records: [{ ...release('1', digest(1), 1), functionArn: `${ARN}-old` }] }))).toThrow(marks);
  });

  it('takes a function with no record here as Skylift\'s when its tags name this project and deployment (published from another machine)', () => {
    const tagged = (tags: Record<string, string>, over: Partial<DestroyFacts> = {}) => facts({ records: [], observed: observed({ fn: { ...observed().fn!, tags } }), ...over });
    const mark = { 'skylift:managed-by': 'skylift', 'skylift:project': 'iris', 'skylift:deployment': 'prod' };
    const decision = decideDestroy(tagged({ ...mark, team: 'ml' }));
    expect(decision.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'delete function iris', 'keep role skylift-iris', 'keep images in iris']);
    expect(decision).toMatchObject({ deleteFunction: true, forgetRecords: false });
    // Each of the three tags counts: another project, another deployment, or no managed-by is refused.
    expect(() => decideDestroy(tagged({ ...mark, 'skylift:project': 'iris-old' }))).toThrow(/will not delete/);
    expect(() => decideDestroy(tagged({ ...mark, 'skylift:deployment': 'staging' }))).toThrow(/skylift:deployment=prod,/);
    expect(() => decideDestroy(tagged({ 'skylift:project': 'iris', 'skylift:deployment': 'prod' }))).toThrow(/will not delete/);
    // A function another deployment of the project created and shares with this one carries that deployment's name.
    expect(decideDestroy(tagged({ ...mark, 'skylift:deployment': 'staging' }, { sharedWith: ['staging'] })).lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'keep function iris']);
    expect(() => decideDestroy(tagged({ ...mark, 'skylift:deployment': 'dev' }, { sharedWith: ['staging'] }))).toThrow(/skylift:deployment=one of prod, staging/);
    // Even tagged, a function outside Skylift's repository stays.
    expect(() => decideDestroy(tagged(mark, { observed: observed({ fn: { ...observed().fn!, tags: mark, imageRepository: 'other' } }) }))).toThrow(/not an image from Skylift's repository/);
  });

  it('when Lambda could not answer the tags (TagsError), says so and how to let it', () => {
    const fn = { ...observed().fn!, tagsError: 'AccessDeniedException: not authorized to perform lambda:ListTags' };
    let error: unknown;
    try {
      decideDestroy(facts({ records: [], observed: observed({ fn }) }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'DESTROY_NOT_SKYLIFTS', message: expect.stringContaining('its tags could not be read (AccessDeniedException: not authorized to perform lambda:ListTags)'), hint: expect.stringMatching(/^Allow lambda:ListTags/) });
  });

  it('fingerprints what it saw: any change of the cloud, the records or the request changes it', () => {
    const base = decideDestroy(facts()).fingerprint;
    expect(decideDestroy(facts()).fingerprint).toBe(base);
    expect(decideDestroy(facts({ observed: observed({ aliases: [{ name: 'live', version: '1', revisionId: 'a2' }] }) })).fingerprint).not.toBe(base);
    expect(decideDestroy(facts({ records: [release('2', digest(2), 3), release('1', digest(1), 1)] })).fingerprint).not.toBe(base);
    expect(decideDestroy(facts({ images: true, observed: observed({ repository: null }) })).fingerprint).not.toBe(base);
  });

  it('with another deployment on the same function, deletes only this alias and record; function and images stay', () => {
    const decision = decideDestroy(
      facts({ images: true, sharedWith: ['staging'], observed: observed({ aliases: [{ name: 'live', version: '2', revisionId: 'a' }, { name: 'beta', version: '1', revisionId: 'b' }], repository: { images: [{ digest: digest(2), tags: [] }] } }) }),
    );
    expect(decision.lines.map((l) => `${l.action} ${l.subject}`)).toEqual(['delete alias live', 'keep function iris', "delete Skylift's record of prod"]);
    expect(decision).toMatchObject({ aliases: ['live'], deleteFunction: false, images: [], deleteRepository: false, warnings: ['Images are kept: staging may run them.'] });
    expect(decision.fingerprint).not.toBe(decideDestroy(facts({ images: true, observed: observed({ repository: { images: [{ digest: digest(2), tags: [] }] } }) })).fingerprint);
  });

  it('lists at most ten versions by number', () => {
    const versions = Array.from({ length: 25 }, (_, i) => ({ version: String(i + 1), imageDigest: digest(2) }));
    const line = decideDestroy(facts({ observed: observed({ versions }) })).lines[1];
    expect(line.before).toBe('25 published versions (1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 15 more)');
  });
});

describe('repositoryOfImageUri', () => {
  it('strips the registry host and the digest or tag', () => {
    expect(repositoryOfImageUri(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/iris@${digest(1)}`)).toBe('team/iris');
    expect(repositoryOfImageUri('127.0.0.1:5000/iris:v1')).toBe('iris');
    expect(repositoryOfImageUri('iris')).toBeNull();
  });
});
