import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { OpenedProject } from '../../../../shared/contract';
import { DockerfilePanel } from './DockerfilePanel';
import { VARIANT_LABEL } from './variant-labels';

interface DockerfileTabsProps {
  project: OpenedProject;
  onEjected: () => void;
}

/** One tab per variant (ARIA tabs: arrow keys move between them), each showing that variant's Dockerfile. */
export function DockerfileTabs({ project, onEjected }: DockerfileTabsProps) {
  const id = useId();
  const { variants } = project;
  const [chosen, setChosen] = useState(variants[0]?.variant);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const selected = variants.find((v) => v.variant === chosen) ?? variants[0];
  if (!selected) return <p className="muted">skylift.yaml names no targets.</p>;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: variants.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + variants.length) % variants.length;
    setChosen(variants[next].variant);
    tabRefs.current[next]?.focus();
  };

  return (
    <div className="tabs">
      <div className="tab-list" role="tablist" aria-label="Dockerfile per target">
        {variants.map((v, index) => {
          const active = v === selected;
          return (
            <button key={v.variant} ref={(el) => void (tabRefs.current[index] = el)} type="button" role="tab" className="tab"
              id={`${id}-tab-${v.variant}`} aria-selected={active} aria-controls={`${id}-panel-${v.variant}`} tabIndex={active ? 0 : -1}
              data-testid={`dockerfile-tab-${v.variant}`} onClick={() => setChosen(v.variant)} onKeyDown={(event) => onKeyDown(event, index)}>
              {VARIANT_LABEL[v.variant]}
              {v.error && <span className="tab-flag"> (error)</span>}
            </button>
          );
        })}
      </div>
      {variants.map((v) => (
        <div key={v.variant} role="tabpanel" id={`${id}-panel-${v.variant}`} aria-labelledby={`${id}-tab-${v.variant}`}
          className="tab-panel" data-testid={`dockerfile-${v.variant}`} hidden={v !== selected}>
          {v === selected && <DockerfilePanel dir={project.dir} variant={v} onEjected={onEjected} />}
        </div>
      ))}
    </div>
  );
}
