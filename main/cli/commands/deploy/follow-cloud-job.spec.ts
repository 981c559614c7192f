import { describe, expect, it } from 'vitest';
import { cloudEventText } from './follow-cloud-job';

const base = { jobId: 'j', seq: 1, at: '2026-12-06T00:00:00.000Z' };

describe('a cloud job as the terminal shows it', () => {
  it('numbers steps, indents progress, passes log lines (retries included) as they are', () => {
    expect(cloudEventText({ ...base, type: 'step', index: 3, total: 8, name: 'Push the image' })).toBe('[3/8] Push the image');
    expect(cloudEventText({ ...base, type: 'step', index: 2, name: 'Alias' })).toBe('[2] Alias');
    expect(cloudEventText({ ...base, type: 'progress', fraction: 0.5, message: 'Pushed 10 MB of 20 MB' })).toBe('  Pushed 10 MB of 20 MB');
    expect(cloudEventText({ ...base, type: 'log', stream: 'info', line: 'AWS is throttling requests: retrying in 2 s' })).toBe('AWS is throttling requests: retrying in 2 s');
  });

  it('prints nothing for progress without words', () => {
    expect(cloudEventText({ ...base, type: 'progress', fraction: 0.5 })).toBeNull();
  });
});
