import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecrRepositoryNameFor, ecrRepositoryNameProblem, validateEcrRepositoryName } from './ecr-repository-name';

const model = JSON.parse(fs.readFileSync(path.resolve('../shared/fixtures/aws/ecr-service-2.json'), 'utf8')) as {
  shapes: { RepositoryName: { pattern: string; min: number; max: number } };
};
const shape = model.shapes.RepositoryName;
/** What ECR itself accepts: the published model's pattern, matched whole, and its length limits. */
const ecrAccepts = (name: string) => name.length >= shape.min && name.length <= shape.max && new RegExp(`^(?:${shape.pattern})$`).test(name);

const SAMPLES = ['iris', 'ab', 'a', 'team/iris', 'iris.v2', 'iris_v2', 'iris__v2', 'iris---v2', 'Iris', '-iris', 'iris-', 'team//iris', '/iris', 'iris/', 'i.-r', 'a'.repeat(256), 'a'.repeat(257), 'ir is', 'iris___v2'];

describe('ECR repository names', () => {
  it.each(SAMPLES)('agrees with the ECR model on %j', (name) => {
    expect(ecrRepositoryNameProblem(name) === null).toBe(ecrAccepts(name));
  });

  it('derives the name from a project name as is when it is valid', () => {
    expect(ecrRepositoryNameFor('iris-classifier')).toBe('iris-classifier');
  });

  it('fixes what can be fixed: case, spaces and odd characters, separators at the ends', () => {
    expect(ecrRepositoryNameFor('My Model (v2)')).toBe('my-model-v2');
    expect(ecrRepositoryNameFor('--Team/Iris__Net--')).toBe('team/iris__net');
    expect(ecrRepositoryNameFor('a..b')).toBe('a-b');
    for (const name of ['My Model (v2)', '--Team/Iris__Net--', 'a..b', 'x_-_y']) expect(ecrAccepts(ecrRepositoryNameFor(name))).toBe(true);
  });

  it('refuses names that cannot be fixed, with a code and a way out', () => {
    expect(() => ecrRepositoryNameFor('a')).toThrow(expect.objectContaining({ code: 'ECR_REPOSITORY_NAME_INVALID', message: expect.stringContaining('shorter than 2') }));
    expect(() => ecrRepositoryNameFor('***')).toThrow(expect.objectContaining({ hint: expect.stringContaining('skylift.yaml') }));
    expect(() => ecrRepositoryNameFor('x'.repeat(300))).toThrow(/longer than 256/);
  });

  it('checks a name the user gave without changing it', () => {
    expect(validateEcrRepositoryName('team/iris')).toBe('team/iris');
    expect(() => validateEcrRepositoryName('Team/Iris')).toThrow(/not valid/);
  });
});
