import type { Route } from '../pages/routes';

interface SideNavProps {
  groups: Route[][];
  current: string;
}

export function SideNav({ groups, current }: SideNavProps) {
  return (
    <nav className="side-nav" aria-label="Main">
      {groups.map((group, index) => (
        <ul className="nav-group" key={index}>
          {group.map((route) => (
            <li key={route.path}>
              <a
                className="nav-link"
                href={`#/${route.path}`}
                aria-current={route.path === current ? 'page' : undefined}
              >
                <span>{route.label}</span>
                {route.planned && <span className="nav-tag">Soon</span>}
              </a>
            </li>
          ))}
        </ul>
      ))}
    </nav>
  );
}
