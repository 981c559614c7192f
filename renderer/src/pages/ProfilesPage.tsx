import { Placeholder } from '../components/Placeholder';

export function ProfilesPage() {
  return (
    <Placeholder title="Profiles">
      Here you will manage AWS and Azure credential profiles; their secrets are kept encrypted at rest
      by your operating system's keychain.
    </Placeholder>
  );
}
