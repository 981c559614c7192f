import type { TargetPreflight } from '../../../shared/contract/build';
import { formatBytes } from '../../../shared/text/bytes';

type Check = TargetPreflight['checks'][number];

/** Docker's architecture names for the plan's: x86_64 → amd64. */
const DOCKER_ARCH: Record<string, string> = { x86_64: 'amd64', arm64: 'arm64' };
export const dockerArchitecture = (architecture: string): string => DOCKER_ARCH[architecture] ?? architecture;

/** Size for targets with no hard limit. */
export const sizeOnly = (sizeBytes: number, detail = formatBytes(sizeBytes)): Check => ({ name: 'Image size', status: 'pass', detail });
