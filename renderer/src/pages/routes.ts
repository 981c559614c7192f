import type { ComponentType } from 'react';
import { DeploymentsPage } from './DeploymentsPage';
import { DeployPage } from './DeployPage';
import { EnginePage } from './EnginePage';
import { ImagesPage } from './ImagesPage';
import { ProfilesPage } from './ProfilesPage';
import { RunsPage } from './RunsPage';
import { SettingsPage } from './SettingsPage';

export interface Route {
  /** The part after `#/`. */
  path: string;
  label: string;
  Page: ComponentType;
  /** Planned but not built yet; the navigation says so. */
  planned?: boolean;
}

/** The navigation, in order: the workflow first, then the machine it runs on. */
export const routeGroups: Route[][] = [
  [
    { path: 'deploy', label: 'Deploy', Page: DeployPage },
    { path: 'runs', label: 'Runs', Page: RunsPage },
    { path: 'deployments', label: 'Deployments', Page: DeploymentsPage },
    { path: 'profiles', label: 'Profiles', Page: ProfilesPage },
  ],
  [
    { path: 'engine', label: 'Engine', Page: EnginePage },
    { path: 'images', label: 'Images', Page: ImagesPage },
    { path: 'settings', label: 'Settings', Page: SettingsPage },
  ],
];

export const defaultRoute = 'engine';

export function findRoute(path: string): Route | undefined {
  return routeGroups.flat().find((route) => route.path === path);
}
