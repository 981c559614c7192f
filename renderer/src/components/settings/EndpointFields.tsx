import { CheckboxField } from '../CheckboxField';
import { TextField } from '../TextField';
import type { EndpointDraft } from './endpoint-draft';
import type { FieldErrors } from './field-errors';

interface EndpointFieldsProps {
  draft: EndpointDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<EndpointDraft>) => void;
}

/** The inputs for the chosen kind of endpoint; error keys are the contract's field names. */
export function EndpointFields({ draft, errors, onChange }: EndpointFieldsProps) {
  switch (draft.kind) {
    case 'auto':
      return null;
    case 'socket':
      return (
        <div className="field-group">
          <TextField label="Socket path" value={draft.socketPath} error={errors.path} placeholder="/var/run/docker.sock"
            hint="An absolute path. Rootless Docker usually listens at $XDG_RUNTIME_DIR/docker.sock."
            onChange={(socketPath) => onChange({ socketPath })} />
        </div>
      );
    case 'tcp':
      return (
        <div className="field-group">
          <div className="field-row">
            <TextField label="Host" value={draft.tcpHost} error={errors.host} placeholder="docker.example.internal"
              onChange={(tcpHost) => onChange({ tcpHost })} />
            <TextField label="Port" value={draft.tcpPort} error={errors.port} numeric short
              hint="2376 with TLS, 2375 without." onChange={(tcpPort) => onChange({ tcpPort })} />
          </div>
          <CheckboxField label="Use TLS" checked={draft.tcpTls} onChange={(tcpTls) => onChange({ tcpTls })}
            hint="Without TLS anyone on the network can control the engine." />
          {draft.tcpTls && (
            <TextField label="Certificate folder" value={draft.tcpCertDir} error={errors.certDir}
              hint="A folder holding ca.pem, cert.pem and key.pem. Leave empty for the .docker folder in your home folder."
              onChange={(tcpCertDir) => onChange({ tcpCertDir })} />
          )}
        </div>
      );
    case 'ssh':
      return (
        <div className="field-group">
          <div className="field-row">
            <TextField label="Host" value={draft.sshHost} error={errors.host} placeholder="gpu-box.example.internal"
              onChange={(sshHost) => onChange({ sshHost })} />
            <TextField label="Port" value={draft.sshPort} error={errors.port} numeric short
              onChange={(sshPort) => onChange({ sshPort })} />
          </div>
          <TextField label="User name" value={draft.sshUsername} error={errors.username}
            onChange={(sshUsername) => onChange({ sshUsername })} />
          <TextField label="Identity file (optional)" value={draft.sshIdentityFile} error={errors.identityFile}
            placeholder="/home/you/.ssh/id_ed25519" hint="A private key file. Leave empty to use the running ssh-agent."
            onChange={(sshIdentityFile) => onChange({ sshIdentityFile })} />
        </div>
      );
  }
}
