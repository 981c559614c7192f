"""Device detection: cuda or cpu, without importing a framework the model did not ask for."""
from __future__ import annotations

import os
import sys
import types
import unittest
from unittest import mock

from skylift_runtime import device_probe


def fake_torch(gpu: bool, initializing: bool = False) -> types.ModuleType:
    torch = types.ModuleType("torch")
    torch.cuda = types.SimpleNamespace(is_available=lambda: gpu)
    torch.__spec__ = types.SimpleNamespace(_initializing=initializing)
    return torch


class DeviceProbeTest(unittest.TestCase):
    def setUp(self):
        device_probe._cached = None
        self.addCleanup(setattr, device_probe, "_cached", None)

    def test_cpu_and_no_framework_import_when_none_is_loaded_or_named(self):
        with mock.patch.dict(os.environ, {"SKYLIFT_FRAMEWORK": "sklearn"}), mock.patch.dict(sys.modules):
            sys.modules.pop("torch", None)
            sys.modules.pop("tensorflow", None)
            self.assertEqual(device_probe.device(), "cpu")
            self.assertNotIn("torch", sys.modules)
            self.assertNotIn("tensorflow", sys.modules)

    def test_cuda_when_an_imported_torch_sees_a_gpu(self):
        with mock.patch.dict(sys.modules, {"torch": fake_torch(gpu=True)}):
            self.assertEqual(device_probe.device(), "cuda")

    def test_cpu_when_torch_sees_no_gpu(self):
        with mock.patch.dict(sys.modules, {"torch": fake_torch(gpu=False)}):
            self.assertEqual(device_probe.device(), "cpu")

    def test_a_framework_still_being_imported_is_left_alone(self):
        torch = fake_torch(gpu=True, initializing=True)
        torch.cuda = types.SimpleNamespace(is_available=lambda: self.fail("touched a half-imported torch"))
        with mock.patch.dict(sys.modules, {"torch": torch}):
            self.assertEqual(device_probe.peek(), "cpu")

    def test_tensorflow_listing_a_gpu_means_cuda(self):
        tensorflow = types.ModuleType("tensorflow")
        tensorflow.config = types.SimpleNamespace(list_physical_devices=lambda kind: ["/physical_device:GPU:0"] if kind == "GPU" else [])
        with mock.patch.dict(sys.modules, {"tensorflow": tensorflow}):
            self.assertEqual(device_probe.device(), "cuda")

    def test_the_framework_named_by_skylift_framework_is_imported_by_device_but_not_by_peek(self):
        imported = []

        def fake_import(name, *args, **kwargs):
            imported.append(name)
            return fake_torch(gpu=True)

        with mock.patch.dict(os.environ, {"SKYLIFT_FRAMEWORK": "torch"}), mock.patch.dict(sys.modules), \
                mock.patch.object(device_probe, "importlib", types.SimpleNamespace(import_module=fake_import)):
            sys.modules.pop("torch", None)
            self.assertEqual(device_probe.peek(), "cpu")
            self.assertEqual(imported, [])
            self.assertEqual(device_probe.device(), "cuda")
            self.assertEqual(imported, ["torch"])


if __name__ == "__main__":
    unittest.main()
