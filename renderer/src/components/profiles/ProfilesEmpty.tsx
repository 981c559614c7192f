interface ProfilesEmptyProps {
  onAdd: () => void;
  onImport: () => void;
}

/** No profiles yet: what one is, and the two ways to get one. */
export function ProfilesEmpty({ onAdd, onImport }: ProfilesEmptyProps) {
  return (
    <div className="placeholder" data-testid="profiles-empty">
      <p className="placeholder-status">No profiles yet</p>
      <p>
        A profile is a named identity Skylift uses to reach a cloud: AWS access keys or a role to assume, or an Azure service principal or
        your Azure CLI login. Skylift shows its name, region and a masked key id; its secret is kept apart, in your system keychain where
        there is one, and never reaches this page.
      </p>
      <p>Add one by hand, or import the profiles you already have in the AWS shared files (~/.aws/config and ~/.aws/credentials).</p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onAdd}>
          Add profile
        </button>
        <button type="button" className="button" onClick={onImport}>
          Import from AWS files
        </button>
      </div>
    </div>
  );
}
