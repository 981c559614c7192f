import fs from 'node:fs';
import path from 'node:path';

/** Model classes of the fault project: one image each, since the model is baked into the image. */
export const FAULT_MODELS = ['Faults', 'HangLoad', 'RaiseLoad', 'ExitLoad'] as const;
export type FaultModel = (typeof FAULT_MODELS)[number];

/**
 * A model that misbehaves on request: predict sleeps, exits, allocates or prints what the payload
 * asks; load() hangs, raises or exits in the subclasses. No packages, so it builds in seconds.
 */
const MODEL = `import os
import sys
import time


class Faults:
    def load(self):
        pass

    def predict(self, payload):
        if "sleep" in payload:
            time.sleep(payload["sleep"])
        if "exit" in payload:
            sys.stdout.flush()
            os._exit(payload["exit"])
        if "allocate_mb" in payload:
            hog = [b"\\x01" * (1024 * 1024) for _ in range(payload["allocate_mb"])]
            return {"held": len(hog)}
        if "print_lines" in payload:
            out, pad = sys.stdout, "x" * payload.get("width", 40)
            for i in range(payload["print_lines"]):
                out.write(f"line {i} {pad}\\n")
            out.flush()
        if "print_one_line" in payload:
            sys.stdout.write("y" * payload["print_one_line"] + "\\n")
            sys.stdout.flush()
        return {"ok": True}


class HangLoad(Faults):
    def load(self):
        time.sleep(3600)


class RaiseLoad(Faults):
    def load(self):
        raise RuntimeError("weights are missing")


class ExitLoad(Faults):
    def load(self):
        time.sleep(0.5)
        os._exit(7)
`;

export interface FaultProjectOptions {
  model: FaultModel;
  /** targets.local.timeoutSeconds: the request deadline. */
  timeoutSeconds?: number;
  /** targets.local.memoryMb: the container's memory limit. */
  memoryMb?: number;
}

/** The project folder for `name`, written anew per test: run-time settings (deadline, memory) change over one image. */
export function writeFaultProject(dir: string, name: string, options: FaultProjectOptions): string {
  fs.mkdirSync(path.join(dir, 'sample-payloads'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.py'), MODEL);
  fs.writeFileSync(path.join(dir, 'sample-payloads', 'hello.json'), '{}\n');
  const local = [options.timeoutSeconds ? `timeoutSeconds: ${options.timeoutSeconds}` : '', options.memoryMb ? `memoryMb: ${options.memoryMb}` : ''].filter(Boolean).join(', ');
  fs.writeFileSync(
    path.join(dir, 'skylift.yaml'),
    `name: ${name}\npython: "3.11"\nframework:\n  name: none\nmodel: model:${options.model}\ntargets:\n  local: {${local}}\n  azure-functions: {}\n`,
  );
  return dir;
}
