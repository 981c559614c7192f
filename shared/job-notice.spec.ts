import { describe, expect, it } from 'vitest';
import type { Job } from './contract';
import { createJobNotifier, jobNotice } from './job-notice';

const job = (over: Partial<Job>): Job => ({
  id: 'j1', kind: 'build', title: 'Build cpu of demo', state: 'succeeded', createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:42.000Z', error: null, ...over,
});

describe('jobNotice', () => {
  it('names a long build, bench or deploy and how it ended', () => {
    expect(jobNotice(job({}))).toEqual({ title: 'Build finished', body: 'Build cpu of demo (42 s).' });
    expect(jobNotice(job({ kind: 'bench', state: 'cancelled' }))?.title).toBe('Bench was cancelled');
    expect(jobNotice(job({ kind: 'deploy', state: 'failed', error: { code: 'X', message: 'Role missing.' } }))).toEqual({ title: 'Deploy failed', body: 'Build cpu of demo (42 s). Role missing.' });
  });

  it('stays quiet for short, running and other kinds of jobs', () => {
    expect(jobNotice(job({ endedAt: '2026-01-01T00:00:09.999Z' }))).toBeNull();
    expect(jobNotice(job({ state: 'running', endedAt: null }))).toBeNull();
    expect(jobNotice(job({ kind: 'invoke' }))).toBeNull();
  });
});

describe('createJobNotifier', () => {
  it('shows a job once, and only while the user looks elsewhere', () => {
    const shown: string[] = [];
    let away = false;
    const notify = createJobNotifier((n) => shown.push(n.title), () => away);
    notify(job({ id: 'watched' }));
    away = true;
    notify(job({ id: 'watched' }));
    notify(job({ id: 'a' }));
    notify(job({ id: 'a' }));
    expect(shown).toEqual(['Build finished']);
  });
});
