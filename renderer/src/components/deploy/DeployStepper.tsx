export type DeployStep = 'project' | 'build' | 'test' | 'publish';

interface DeployStepperProps {
  current: DeployStep;
  onChange: (step: DeployStep) => void;
  /** Build, Test and Publish need a saved, valid project; until then their steps say why they are off. */
  buildBlockedBy: string | null;
}

/** The deploy workflow as numbered steps. */
export function DeployStepper({ current, onChange, buildBlockedBy }: DeployStepperProps) {
  return (
    <nav aria-label="Deploy steps">
      <ol className="stepper">
        <li>
          <StepButton number={1} label="Project" step="project" current={current} onChange={onChange} />
        </li>
        <li>
          <StepButton number={2} label="Build" step="build" current={current} onChange={onChange} blockedBy={buildBlockedBy} />
        </li>
        <li>
          <StepButton number={3} label="Test" step="test" current={current} onChange={onChange} blockedBy={buildBlockedBy} />
        </li>
        <li>
          <StepButton number={4} label="Publish" step="publish" current={current} onChange={onChange} blockedBy={buildBlockedBy} />
        </li>
      </ol>
    </nav>
  );
}

interface StepButtonProps {
  number: number;
  label: string;
  step: DeployStep;
  current: DeployStep;
  onChange: (step: DeployStep) => void;
  blockedBy?: string | null;
}

function StepButton({ number, label, step, current, onChange, blockedBy }: StepButtonProps) {
  return (
    <button type="button" className="step" data-testid={`step-${step}`} aria-current={step === current ? 'step' : undefined}
      disabled={Boolean(blockedBy)} title={blockedBy ?? undefined} onClick={() => onChange(step)}>
      <span className="step-number">{number}</span>
      <span className="step-label">{label}</span>
    </button>
  );
}
