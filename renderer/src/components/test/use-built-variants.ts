import type { OpenedProject } from '../../../../shared/contract';
import type { TargetName } from '../../../../shared/project/schema';
import { skylift } from '../../api/client';
import { useAsync } from '../../hooks/use-async';

export interface BuiltVariants {
  /** Variants whose image the engine holds (or where it could not be asked: then the run says why). */
  offered: TargetName[];
  /** Variants skylift.yaml names that have no image yet. */
  missing: TargetName[];
  /** True until the engine has been asked once. */
  checking: boolean;
}

/**
 * Which of the project's variants can run: asked afresh when the Test step opens, since the project
 * was opened before the builds that followed.
 */
export function useBuiltVariants(project: OpenedProject): BuiltVariants {
  const fresh = useAsync(() => skylift.api.project.open({ dir: project.dir }));
  const variants = (fresh.data ?? project).variants;
  return {
    offered: variants.filter((v) => v.built !== null).map((v) => v.variant),
    missing: variants.filter((v) => v.built === null).map((v) => v.variant),
    checking: fresh.data === undefined && fresh.error === undefined,
  };
}
