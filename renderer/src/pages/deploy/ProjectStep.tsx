import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DockerfileTabs } from '../../components/deploy/DockerfileTabs';
import { MissingProject } from '../../components/deploy/MissingProject';
import { OpenFolderPanel } from '../../components/deploy/OpenFolderPanel';
import { ProjectEditor } from '../../components/deploy/ProjectEditor';
import { ProposalNotes } from '../../components/deploy/ProposalNotes';
import { SamplePanel } from '../../components/deploy/SamplePanel';
import { Panel } from '../../components/Panel';
import { PathText } from '../../components/PathText';
import type { ProjectModel } from '../../hooks/use-project';

const FAILURE_TITLE = {
  open: 'Could not open the project',
  propose: 'Could not propose a skylift.yaml',
  save: 'Not saved',
  create: 'Could not create the project',
};

interface ProjectStepProps {
  project: ProjectModel;
  onContinue: () => void;
}

/** Step 1: choose a project (a folder or a sample), edit its skylift.yaml, and read the Dockerfile each target gets. */
export function ProjectStep({ project, onContinue }: ProjectStepProps) {
  const { state, busy, dirty } = project;
  const { opened, draft } = state;
  const canBuild = Boolean(opened?.valid) && !dirty;
  // Once a project is in the editor the choosers fold away, to give the editor the room.
  const [choosing, setChoosing] = useState(false);
  const showChoosers = choosing || draft === null;
  const done = () => setChoosing(false);

  return (
    <div className="panel-stack">
      {showChoosers && (
        <div className="panel-grid panel-grid-flush" id="project-choosers">
          <OpenFolderPanel initialDir={state.dir} busy={busy === 'open'} onOpen={(dir) => void project.open(dir).then(done)} />
          <SamplePanel busy={busy === 'create'} onCreate={(sample, dir) => void project.createFromSample(sample, dir).then(done)} />
        </div>
      )}
      {state.failure && <ErrorAlert error={state.failure.error} title={FAILURE_TITLE[state.failure.action]} testId="project-error" />}
      {state.missing && draft === null && <MissingProject dir={state.dir} busy={busy === 'propose'} onPropose={() => void project.propose()} />}
      {draft !== null && (
        <section className="panel-stack" aria-label="Project">
          <div className="project-heading">
            <h2 className="section-title">
              Project <code data-testid="project-path"><PathText text={opened?.dir ?? state.dir} /></code>
            </h2>
            <div className="page-actions">
              <button type="button" className="button" data-testid="project-choose" aria-expanded={showChoosers} aria-controls="project-choosers"
                onClick={() => setChoosing(!choosing)}>
                {choosing ? 'Hide' : 'Open another…'}
              </button>
              <button type="button" className="button button-primary" data-testid="project-continue" disabled={!canBuild} onClick={onContinue}>
                Continue to Build
              </button>
            </div>
          </div>
          {!opened && <ProposalNotes notes={state.notes} />}
          {/* Keyed by folder: another project starts with a fresh editor, history and summary. */}
          <ProjectEditor key={opened?.dir ?? state.dir} projectDir={opened?.dir ?? state.dir} draft={draft} onChange={project.edit} dirty={dirty} saving={busy === 'save'} justSaved={state.justSaved}
            onSave={() => void project.save()} />
          {opened?.valid && (
            <Panel title="Dockerfiles">
              {dirty && <p className="field-hint">These follow the saved skylift.yaml; save to see your changes here.</p>}
              <DockerfileTabs project={opened} onEjected={() => void project.refresh()} />
            </Panel>
          )}
        </section>
      )}
    </div>
  );
}
