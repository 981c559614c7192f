import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { DOUBLES_TEST_KEY } from './aws-auth';
import { type IamDouble, startIamDouble } from './aws-iam';

const BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('IAM double, through the real @aws-sdk/client-iam', () => {
  let iam: IamDouble | undefined;
  afterEach(async () => iam?.close());

  const client = (url: string, overrides: { secretAccessKey?: string; maxAttempts?: number } = {}) =>
    new IAMClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: DOUBLES_TEST_KEY.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? DOUBLES_TEST_KEY.secretAccessKey },
      maxAttempts: overrides.maxAttempts ?? 1,
    });

  it("creates a role, answers it in the model's shape, and records when it was created", async () => {
    iam = await startIamDouble({ keys: [DOUBLES_TEST_KEY] });
    const before = Date.now();
    const created = await client(iam.url).send(new CreateRoleCommand({ RoleName: 'skylift-numpy-sample', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    const role = created.Role!;
    expect(role).toMatchObject({ RoleName: 'skylift-numpy-sample', Path: '/', Arn: `arn:aws:iam::${DOUBLES_TEST_KEY.account}:role/skylift-numpy-sample`, MaxSessionDuration: 3600 });
    expect(role.RoleId).toMatch(/^AROA[0-9A-F]{16}$/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(LAMBDA_TRUST);
    expect(created.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(iam.roleCreatedAt(role.Arn!)!.getTime()).toBeGreaterThanOrEqual(before);
    expect(iam.roleCreatedAt('arn:aws:iam::123456789012:role/other')).toBeNull();
    const fetched = await client(iam.url).send(new GetRoleCommand({ RoleName: 'skylift-numpy-sample' }));
    expect(fetched.Role?.Arn).toBe(role.Arn);
    await expect(client(iam.url).send(new CreateRoleCommand({ RoleName: 'skylift-numpy-sample', AssumeRolePolicyDocument: LAMBDA_TRUST }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException', $metadata: { httpStatusCode: 409 } });
  });

  it('attaches, lists, detaches policies and deletes the role, with the errors IAM gives', async () => {
    iam = await startIamDouble({ keys: [DOUBLES_TEST_KEY] });
    const iamClient = client(iam.url);
    await iamClient.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: LAMBDA_TRUST }));
    await iamClient.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: BASIC_EXECUTION }));
    const listed = await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r1' }));
    expect(listed.AttachedPolicies).toEqual([{ PolicyArn: BASIC_EXECUTION, PolicyName: 'AWSLambdaBasicExecutionRole' }]);
    expect(listed.IsTruncated).toBe(false);
    expect(iam.role(`arn:aws:iam::${DOUBLES_TEST_KEY.account}:role/r1`)?.attachedPolicyArns).toEqual([BASIC_EXECUTION]);
    await expect(iamClient.send(new AttachRolePolicyCommand({ RoleName: 'r1', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iamClient.send(new DeleteRoleCommand({ RoleName: 'r1' }))).rejects.toMatchObject({ name: 'DeleteConflictException', $metadata: { httpStatusCode: 409 } });
    await iamClient.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: BASIC_EXECUTION }));
    await expect(iamClient.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: BASIC_EXECUTION }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await iamClient.send(new DeleteRoleCommand({ RoleName: 'r1' }));
    await expect(iamClient.send(new GetRoleCommand({ RoleName: 'r1' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
  });

  it("refuses requests that break the model (name pattern and length, session duration) and a trust policy that is not JSON", async () => {
    iam = await startIamDouble({ keys: [DOUBLES_TEST_KEY] });
    for (const input of [{ RoleName: 'has space', AssumeRolePolicyDocument: LAMBDA_TRUST }, { RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: LAMBDA_TRUST }, { RoleName: 'ok', AssumeRolePolicyDocument: LAMBDA_TRUST, MaxSessionDuration: 60 }]) {
      await expect(client(iam.url).send(new CreateRoleCommand(input))).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    }
    await expect(client(iam.url).send(new CreateRoleCommand({ RoleName: 'ok', AssumeRolePolicyDocument: 'not json' }))).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
  });

  it('refuses a wrong secret and an unsigned request, and answers an injected throttling storm the SDK retries', async () => {
    iam = await startIamDouble({ keys: [DOUBLES_TEST_KEY] });
    await expect(client(iam.url, { secretAccessKey: 'wrong-secret' }).send(new GetRoleCommand({ RoleName: 'r1' }))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const unsigned = await request(iam.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetRole&Version=2010-05-08&RoleName=r1' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>');
    iam.failNext({ status: 400, code: 'Throttling', message: 'Rate exceeded' }, 2, 'GetRole');
    iam.failNext({ status: 500, code: 'ServiceFailureException' }, 1, 'GetRole');
    await expect(client(iam.url, { maxAttempts: 4 }).send(new GetRoleCommand({ RoleName: 'r1' }))).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { attempts: 4 } });
  });
});
