import { useMemo } from 'react';
import { skylift } from '../api/client';
import type { Provider, ProfileSummary } from '../../../shared/contract';
import { useAsync } from './use-async';

export type ProfilesByProvider = Record<Provider, ProfileSummary[]>;

/**
 * The profile list and the one-click actions on it. Each action reloads the list, since making
 * one profile the default changes another, and throws so the caller can show why it failed.
 */
export function useProfiles() {
  const list = useAsync(() => skylift.api.profiles.list({}));
  const { reload } = list;

  const byProvider = useMemo<ProfilesByProvider>(() => {
    const profiles = [...(list.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    return { aws: profiles.filter((p) => p.provider === 'aws'), azure: profiles.filter((p) => p.provider === 'azure') };
  }, [list.data]);

  const makeDefault = async (id: string) => {
    await skylift.api.profiles.setDefault({ id });
    reload();
  };

  const remove = async (id: string) => {
    await skylift.api.profiles.remove({ id });
    reload();
  };

  return { profiles: list.data, byProvider, error: list.error, loading: list.loading, reload, makeDefault, remove };
}

export type ProfilesState = ReturnType<typeof useProfiles>;
