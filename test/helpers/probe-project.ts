import fs from 'node:fs';
import path from 'node:path';

/**
 * A tiny model project for protocol tests: predict echoes, sleeps or raises on request, and
 * load() fails when the model is named ProbeBrokenLoad. No packages: it builds in seconds.
 */
export function writeProbeProject(dir: string, name: string, options: { model?: 'Probe' | 'ProbeBrokenLoad'; timeoutSeconds?: number; gpu?: boolean } = {}): string {
  fs.mkdirSync(path.join(dir, 'sample-payloads'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'model.py'),
    `import time


class Probe:
    def load(self):
        self.ready = True

    def predict(self, payload):
        if payload.get("sleep"):
            time.sleep(payload["sleep"])
        if payload.get("raise"):
            raise ValueError(payload["raise"])
        return {"echo": payload}


class ProbeBrokenLoad(Probe):
    def load(self):
        raise RuntimeError("weights are missing")
`,
  );
  fs.writeFileSync(path.join(dir, 'sample-payloads', 'hello.json'), '{"hello": "world"}\n');
  fs.writeFileSync(
    path.join(dir, 'skylift.yaml'),
    `name: ${name}
python: "3.11"
framework:
  name: none
model: model:${options.model ?? 'Probe'}
gpu: ${options.gpu ? 'true' : 'false'}
targets:
  local: {}
  aws-lambda:
    memoryMb: 512
    timeoutSeconds: ${options.timeoutSeconds ?? 3}
  azure-functions: {}
`,
  );
  return dir;
}
