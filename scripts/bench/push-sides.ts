// The two sides of a push benchmark, shared by bench:push and bench:rebuild: `docker push` through
// the CLI (logged in with a private DOCKER_CONFIG) and Skylift's pushImage through the engine.
import type Dockerode from 'dockerode';
import { pushImage, type PushImageResult } from '../../main/core/targets/aws-lambda/publish/push-image';
import type { RegistryDouble } from '../../test/doubles/registry';
import { runDocker } from '../../test/doubles/registry-push';

/** `docker push` of a local image to `${registry.host}/${repository}:v1`: seconds of the push alone (tag and login before, untag after). */
export async function dockerPush(registry: RegistryDouble, image: string, configDir: string, repository = 'bench'): Promise<number> {
  const env = { ...process.env, DOCKER_CONFIG: configDir };
  const reference = `${registry.host}/${repository}:v1`;
  await runDocker(['tag', image, reference], env);
  await runDocker(['login', '--username', registry.username, '--password-stdin', registry.host], env, registry.password);
  const started = process.hrtime.bigint();
  try {
    await runDocker(['push', reference], env);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await runDocker(['image', 'rm', reference], env).catch(() => undefined);
  }
}

/** Skylift's push of the same image to the same kind of registry; `host` overrides the registry's address (a counting proxy in front of it). */
export async function skyliftPush(docker: Dockerode, registry: RegistryDouble, image: string, options: { host?: string; repository?: string } = {}): Promise<{ seconds: number; bytes: number; result: PushImageResult }> {
  const started = process.hrtime.bigint();
  const result = await pushImage({ docker, image, registry: { host: options.host ?? registry.host, username: registry.username, password: registry.password }, repository: options.repository ?? 'bench', tag: 'v1' });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes: result.bytesPushed, result };
}
