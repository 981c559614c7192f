import { TARGET_INFO } from '../../../../shared/targets';
import { openHttpSession } from '../http-session';
import { sizeOnly } from '../image-checks';
import type { TargetModule } from '../target';

/** local: a plain HTTP container on this machine, using its GPU when asked. */
export const localTarget: TargetModule<'local'> = {
  info: TARGET_INFO.local,
  image: {
    gpu: (_config, asked) => asked,
    runsOnHostGpu: true,
    dockerfile: () => ({ copy: [], env: [], adapterEntrypoint: true }),
  },
  preflight(image, wanted) {
    return [
      image.architecture === wanted.engineArchitecture
        ? { name: 'Architecture', status: 'pass', detail: `${image.architecture}, native on this engine` }
        : { name: 'Architecture', status: 'warn', detail: `image is ${image.architecture}, engine is ${wanted.engineArchitecture}: it runs only under emulation` },
      sizeOnly(image.sizeBytes),
    ];
  },
  session: {
    publishesHttp: true,
    open: async (request) => openHttpSession('local', request),
  },
};
