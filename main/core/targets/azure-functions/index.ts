import path from 'node:path';
import { TARGET_INFO } from '../../../../shared/targets';
import { fillPython } from '../../build/compat';
import { ADAPTER_ENTRYPOINT, openHttpSession } from '../http-session';
import { formatBytes } from '../../../../shared/text/bytes';
import { sizeOnly } from '../image-checks';
import type { TargetModule } from '../target';

/** azure-functions: a custom-handler container (the Functions host starts Skylift's adapter). */
export const azureFunctionsTarget: TargetModule<'azure-functions'> = {
  info: TARGET_INFO['azure-functions'],
  image: {
    gpu: (_config, asked) => asked,
    defaultBase(config, gpu, compat, warnings) {
      if (gpu) warnings.push('GPU on Azure Functions needs a Container Apps environment with a GPU workload profile and a CUDA base: set targets.azure-functions.baseImage.');
      return { baseImage: fillPython(compat.azureFunctionsImage, config.python), cuda: null };
    },
    runsOnHostGpu: false,
    dockerfile: (plan, context) => ({
      copy: [`COPY ${context.azure} /home/site/wwwroot/`],
      env: ['ENV AzureWebJobsScriptRoot=/home/site/wwwroot AzureFunctionsJobHost__Logging__Console__IsEnabled=true'],
      // The Azure Functions base starts the Functions host, which starts the adapter from host.json.
      adapterEntrypoint: !plan.baseImage.includes('azure-functions'),
    }),
    contextExtras: (runtimeDir) => ({ azureDir: path.join(runtimeDir, 'azure') }),
  },
  preflight(image) {
    return [
      image.architecture === 'amd64'
        ? { name: 'Architecture', status: 'pass', detail: 'amd64, as Azure Functions Linux containers require' }
        : { name: 'Architecture', status: 'fail', detail: `image is ${image.architecture}; Azure Functions runs amd64 containers only` },
      sizeOnly(image.sizeBytes, `${formatBytes(image.sizeBytes)} (no hard limit; large images start slower)`),
    ];
  },
  session: {
    publishesHttp: true,
    // Azure's custom handler runs without the Functions host locally: the adapter on FUNCTIONS_CUSTOMHANDLER_PORT.
    open: async (request) => openHttpSession('azure-functions', request, { env: { FUNCTIONS_CUSTOMHANDLER_PORT: '8080' }, entrypoint: ADAPTER_ENTRYPOINT }),
  },
};
