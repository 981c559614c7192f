import { describe, expect, it } from 'vitest';
import { baseImageError, isBaseFetchFailure, registryOf } from './base-image';

describe('base image errors', () => {
  it.each([
    ['python:3.11-slim-bookworm', 'Docker Hub (registry-1.docker.io)'],
    ['pytorch/pytorch:2.5.1', 'Docker Hub (registry-1.docker.io)'],
    ['mcr.microsoft.com/azure-functions/python:4', 'mcr.microsoft.com'],
    ['localhost/x', 'localhost'],
    ['127.0.0.1:5000/team/base:7', '127.0.0.1:5000'],
  ])('reads the registry of %s as Docker does', (image, registry) => expect(registryOf(image)).toBe(registry));

  it('says the default base\'s registry is unreachable for the DNS error Docker Hub gives offline, and how to override it', () => {
    const error = baseImageError(
      { image: 'python:3.11-slim-bookworm', source: 'compat-table', variant: 'local' },
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host',
    );
    expect(error.message).toMatch(/^The base image python:3\.11-slim-bookworm \(Skylift's default base for local\) can't be used: its registry, Docker Hub \(registry-1\.docker\.io\), is unreachable\./);
    expect(error.hint).toMatch(/targets\.local\.baseImage in skylift\.yaml, or pass --base-image <image>.*registry mirror/);
  });

  it('says an image may not exist or may need a login when the registry answers so', () => {
    const error = baseImageError({ image: 'acme/privat:1', source: 'skylift.yaml', variant: 'aws-lambda' }, 'pull access denied for acme/privat, repository does not exist or may require \'docker login\'');
    expect(error.message).toContain("(targets.aws-lambda.baseImage in skylift.yaml) can't be used: Docker Hub (registry-1.docker.io) says it doesn't exist or needs a login");
  });

  it('recognises a base fetch failure from either builder, and not an ordinary step failure', () => {
    expect(isBaseFetchFailure('FROM python:3.11', 'Get "https://registry-1.docker.io/v2/": dial tcp: no such host')).toBe(true);
    expect(isBaseFetchFailure('', 'failed to solve with frontend dockerfile.v0: failed to create LLB definition: failed to do request')).toBe(true);
    expect(isBaseFetchFailure('RUN make', "The command '/bin/sh -c make' returned a non-zero code: 2")).toBe(false);
  });
});
