import type { Observed, ObservedVersion, WantedShape } from './shape';

/** Observed facts for the pure plan specs: a function live at version 1 with the wanted image and settings. */
export const DIGEST = `sha256:${'d'.repeat(64)}`;
export const ROLE = 'arn:aws:iam::123456789012:role/skylift-iris';
export const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/iris';

export const wanted = (change: Partial<WantedShape> = {}): WantedShape => ({
  architecture: 'x86_64',
  memoryMb: 1024,
  timeoutSeconds: 30,
  ephemeralStorageMb: null,
  environment: { MODE: 'fast' },
  role: ROLE,
  ...change,
});

const liveShape = () => ({ architecture: 'x86_64', memoryMb: 1024, timeoutSeconds: 30, ephemeralStorageMb: 512, environment: { MODE: 'fast' }, role: ROLE });

export const version = (n: string, change: Partial<ObservedVersion> = {}): ObservedVersion => ({ version: n, codeSha256: 'd'.repeat(64), shape: liveShape(), ...change });

export function liveObserved(): Observed {
  return {
    account: '123456789012',
    repository: { name: 'iris', uri: REPO },
    image: { id: `sha256:${'1'.repeat(64)}`, tag: 'skylift/iris:aws-lambda', architecture: 'x86_64', engineArchitecture: 'amd64', layers: 7, bytes: 300 * 1024 * 1024, pushedDigest: DIGEST },
    fn: {
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:iris',
      packageType: 'Image',
      revisionId: 'rev-1',
      codeSha256: 'd'.repeat(64),
      imageUri: `${REPO}@${DIGEST}`,
      state: 'Active',
      lastUpdateStatus: 'Successful',
      shape: liveShape(),
    },
    alias: { version: '1', revisionId: 'alias-rev-1' },
    versions: [version('1')],
    role: { kind: 'current', arn: ROLE },
  };
}

/** Nothing exists yet: no repository, no function, the image never pushed, the role to be created. */
export function emptyObserved(): Observed {
  const live = liveObserved();
  return {
    ...live,
    repository: { name: 'iris', uri: null },
    image: { ...live.image!, pushedDigest: null },
    fn: null,
    alias: null,
    versions: [],
    role: { kind: 'create', name: 'skylift-iris', arn: ROLE, exists: false },
  };
}
