import { describe, expect, it } from 'vitest';
import { describeGpuSupport } from './gpu';

describe('describeGpuSupport', () => {
  it('finds the nvidia runtime', () => {
    const gpu = describeGpuSupport({ Runtimes: { runc: {}, nvidia: { path: 'nvidia-container-runtime' } } }, '550.54.15');
    expect(gpu).toMatchObject({ usable: true, nvidiaRuntimes: ['nvidia'], hostDriverVersion: '550.54.15' });
    expect(gpu.summary).toContain('nvidia runtime');
  });

  it('finds NVIDIA CDI devices (Docker 28+)', () => {
    const gpu = describeGpuSupport({ Runtimes: { runc: {} }, DiscoveredDevices: [{ Source: 'cdi', ID: 'nvidia.com/gpu=0' }, { Source: 'cdi', ID: 'vendor.com/fpga=1' }] }, null);
    expect(gpu).toMatchObject({ usable: true, nvidiaRuntimes: [], cdiDevices: ['nvidia.com/gpu=0', 'vendor.com/fpga=1'] });
  });

  it('says how to fix it when a driver exists but the engine cannot use it', () => {
    const gpu = describeGpuSupport({ Runtimes: { runc: {} } }, '535.1');
    expect(gpu.usable).toBe(false);
    expect(gpu.summary).toMatch(/driver \(535\.1\) is installed.*nvidia-ctk runtime configure/);
  });

  it('reports CPU only with no driver and no runtime', () => {
    const gpu = describeGpuSupport({}, null);
    expect(gpu).toMatchObject({ usable: false, nvidiaRuntimes: [], cdiDevices: [], hostDriverVersion: null });
    expect(gpu.summary).toContain('NVIDIA Container Toolkit');
  });
});
