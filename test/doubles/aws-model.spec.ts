import { describe, expect, it } from 'vitest';
import { errorAnswer, loadServiceModel, parseRequest, successAnswer, validationMessage, WireError, type WireRequest } from './aws-model';

const lambda = loadServiceModel('lambda');
const ecr = loadServiceModel('ecr');
const iam = loadServiceModel('iam');

const createFunction = { FunctionName: 'numpy-sample', Role: 'arn:aws:iam::111122223333:role/skylift-numpy', PackageType: 'Image', Code: { ImageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/numpy@sha256:' + 'a'.repeat(64) } };

const req = (method: string, url: string, body: string | Buffer = '', headers: Record<string, string> = {}): WireRequest => ({ method, url, headers, body: Buffer.from(body) });

describe('botocore model validation, against the published model files', () => {
  it('accepts a valid CreateFunction and names each broken constraint with its member path, in AWS wording', () => {
    expect(lambda.validateInput('CreateFunction', createFunction)).toEqual([]);
    const problems = lambda.validateInput('CreateFunction', { ...createFunction, Role: undefined, MemorySize: 64, Timeout: 0, Architectures: ['x86'], Environment: { Variables: { '1bad-key': 'v' } } });
    const byPath = Object.fromEntries(problems.map((p) => [p.path.join('.'), p.message]));
    expect(Object.keys(byPath).sort()).toEqual(['Architectures.1.member', 'Environment.Variables.key', 'MemorySize', 'Role', 'Timeout']);
    expect(byPath.Role).toBe("Value null at 'role' failed to satisfy constraint: Member must not be null");
    expect(byPath.MemorySize).toBe("Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
    expect(byPath.Timeout).toBe("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1");
    expect(byPath['Architectures.1.member']).toContain('Member must satisfy enum value set: [x86_64, arm64]');
    expect(byPath['Environment.Variables.key']).toContain('Member must satisfy regular expression pattern');
    expect(validationMessage(problems.slice(0, 2))).toMatch(/^2 validation errors detected: Value null at 'role'[^;]*; Value '0' at 'timeout'/);
  });

  it('checks types, string lengths and list sizes', () => {
    const problems = lambda.validateInput('CreateFunction', { ...createFunction, MemorySize: '512', Publish: 'yes', FunctionName: '', Architectures: ['x86_64', 'arm64'] });
    expect(problems.map((p) => [p.path.join('.'), /failed to satisfy constraint: (.*)$/.exec(p.message)?.[1]])).toEqual([
      ['FunctionName', 'Member must have length greater than or equal to 1'],
      ['FunctionName', expect.stringMatching(/^Member must satisfy regular expression pattern/)],
      ['MemorySize', 'Member must be of type integer'],
      ['Publish', 'Member must be of type boolean'],
      ['Architectures', 'Member must have length less than or equal to 1'],
    ]);
    expect(ecr.validateInput('CreateRepository', { repositoryName: 'A' })[0].message).toContain('Member must have length greater than or equal to 2');
    expect(iam.validateInput('CreateRole', { RoleName: 'skylift-numpy' }).map((p) => p.path.join('.'))).toEqual(['AssumeRolePolicyDocument']);
  });

  it('compiles every pattern in the three models as a full match', () => {
    for (const model of [lambda, ecr, iam]) {
      const sources = Object.values(model.json.shapes).flatMap((s) => (s.pattern === undefined ? [] : [s.pattern]));
      expect(sources.filter((s) => model.pattern(s) === null)).toEqual([]);
    }
    expect(lambda.pattern(lambda.shape('RoleArn').pattern!)!.test('xarn:aws:iam::111122223333:role/r')).toBe(false);
  });
});

describe('request parsing in the three protocols', () => {
  it('restJson1: picks the operation from method and URI template, members from labels, headers, query and body', () => {
    const invoke = parseRequest(lambda, req('POST', '/2015-03-31/functions/numpy-sample/invocations?Qualifier=live', '{"x":1}', { 'x-amz-log-type': 'Tail' }));
    expect(invoke.operation).toBe('Invoke');
    expect(invoke.input).toEqual({ FunctionName: 'numpy-sample', Qualifier: 'live', LogType: 'Tail', Payload: Buffer.from('{"x":1}') });
    const alias = parseRequest(lambda, req('PUT', '/2015-03-31/functions/numpy-sample/aliases/live', '{"FunctionVersion":"2"}'));
    expect(alias).toEqual({ operation: 'UpdateAlias', input: { FunctionName: 'numpy-sample', Name: 'live', FunctionVersion: '2' } });
    const list = parseRequest(lambda, req('GET', '/2015-03-31/functions/numpy-sample/versions?MaxItems=5'));
    expect(list).toEqual({ operation: 'ListVersionsByFunction', input: { FunctionName: 'numpy-sample', MaxItems: 5 } });
    expect(parseRequest(lambda, req('GET', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111122223333%3Afunction%3Af')).input).toEqual({ FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:f' });
    expect(() => parseRequest(lambda, req('POST', '/2015-03-31/functions', '{not json'))).toThrow(WireError);
    expect(() => parseRequest(lambda, req('GET', '/nowhere'))).toThrow(/No operation answers GET \/nowhere/);
    expect(() => parseRequest(lambda, req('GET', '/2015-03-31/functions/%E0%A4%A'))).toThrow(WireError);
  });

  it('awsJson1_1: the operation from X-Amz-Target, the input from the body', () => {
    const parsed = parseRequest(ecr, req('POST', '/', '{"repositoryName":"numpy"}', { 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.CreateRepository' }));
    expect(parsed).toEqual({ operation: 'CreateRepository', input: { repositoryName: 'numpy' } });
    expect(() => parseRequest(ecr, req('POST', '/', '{}', { 'x-amz-target': 'Other.CreateRepository' }))).toThrow(WireError);
  });

  it('awsQuery: Action and Version, lists as Name.member.N and structures inside them', () => {
    const form = 'Action=CreateRole&Version=2010-05-08&RoleName=skylift-numpy&AssumeRolePolicyDocument=%7B%7D&MaxSessionDuration=3600&Tags.member.1.Key=app&Tags.member.1.Value=skylift&Tags.member.2.Key=b&Tags.member.2.Value=c';
    const parsed = parseRequest(iam, req('POST', '/', form));
    expect(parsed).toEqual({ operation: 'CreateRole', input: { RoleName: 'skylift-numpy', AssumeRolePolicyDocument: '{}', MaxSessionDuration: 3600, Tags: [{ Key: 'app', Value: 'skylift' }, { Key: 'b', Value: 'c' }] } });
    expect(iam.validateInput(parsed.operation, parsed.input)).toEqual([]);
    // A list the form does not mention is absent, not empty; "Tags=" is the empty list.
    expect(parseRequest(iam, req('POST', '/', 'Action=CreateRole&Version=2010-05-08&RoleName=r&AssumeRolePolicyDocument=x')).input).toEqual({ RoleName: 'r', AssumeRolePolicyDocument: 'x' });
    expect(parseRequest(iam, req('POST', '/', 'Action=CreateRole&Version=2010-05-08&RoleName=r&Tags=')).input.Tags).toEqual([]);
    expect(() => parseRequest(iam, req('POST', '/', 'Action=CreateRole&Version=2099-01-01'))).toThrow(/Could not find operation CreateRole/);
  });
});

describe('answers in the models\' shapes and each protocol\'s error shape', () => {
  it('restJson1 writes located members as headers and the status, the payload raw, and drops undeclared members', () => {
    const invoke = successAnswer(lambda, 'Invoke', { StatusCode: 200, FunctionError: 'Unhandled', ExecutedVersion: '3', Payload: Buffer.from('{"ok":1}') });
    expect(invoke.status).toBe(200);
    expect(invoke.headers).toMatchObject({ 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '3' });
    expect(invoke.body.toString()).toBe('{"ok":1}');
    const created = successAnswer(lambda, 'CreateFunction', { FunctionName: 'f', MemorySize: 512, Secret: 'not in the model' });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body.toString())).toEqual({ FunctionName: 'f', MemorySize: 512 });
  });

  it('errors: restJson1 X-Amzn-ErrorType + {Type, message}; awsJson {__type, message}; awsQuery XML with the shape\'s code and status', () => {
    const conflict = errorAnswer(lambda, 'ResourceConflictException', 'An update is in progress');
    expect(conflict.status).toBe(409);
    expect(conflict.headers['x-amzn-errortype']).toBe('ResourceConflictException');
    expect(JSON.parse(conflict.body.toString())).toEqual({ Type: 'User', message: 'An update is in progress' });
    const missing = errorAnswer(ecr, 'RepositoryNotFoundException', 'no such repository');
    expect(JSON.parse(missing.body.toString())).toEqual({ __type: 'RepositoryNotFoundException', message: 'no such repository' });
    const exists = errorAnswer(iam, 'EntityAlreadyExistsException', 'Role with name r already exists.');
    expect(exists.status).toBe(409);
    expect(exists.body.toString()).toContain('<Type>Sender</Type><Code>EntityAlreadyExists</Code><Message>Role with name r already exists.</Message>');
    const role = successAnswer(iam, 'GetRole', { Role: { RoleName: 'r', Arn: 'arn:aws:iam::1:role/r', CreateDate: new Date(0), Tags: [{ Key: 'a', Value: '<b>' }] } }, 'req-1');
    expect(role.body.toString()).toBe('<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><RoleName>r</RoleName><Arn>arn:aws:iam::1:role/r</Arn><CreateDate>1970-01-01T00:00:00.000Z</CreateDate><Tags><member><Key>a</Key><Value>&lt;b&gt;</Value></member></Tags></Role></GetRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetRoleResponse>');
  });
});
