import type { ProfileSummary } from '../../../../shared/contract';
import { ConfirmDelete } from '../ConfirmDelete';

interface DeleteProfileProps {
  profile: ProfileSummary;
  /** Deletes it and moves on; throws when core refuses (e.g. another profile assumes a role with it). */
  remove: (profile: ProfileSummary) => Promise<void>;
}

/** Deletes a profile (and its stored secret) after a second click that names it. */
export function DeleteProfile({ profile, remove }: DeleteProfileProps) {
  const consequence = profile.source === 'stored' && profile.hasSecret ? ' Its stored secret is deleted too.' : profile.source === 'file' ? ' The AWS shared files are left as they are.' : '';
  return (
    <ConfirmDelete triggerLabel="Delete" groupLabel={`Delete profile ${profile.name}?`} small testId="profile-delete" onConfirm={() => remove(profile)}
      question={<>Delete profile <strong>{profile.name}</strong>?{consequence}</>} />
  );
}
